/** Attribute lists as the Cognito API writes them, from and to plain objects. */
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';

export const attrs = (values: Record<string, string>): AttributeType[] => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

export const valueOf = (attributes: AttributeType[] | undefined, name: string): string | undefined =>
  attributes?.find((a) => a.Name === name)?.Value;
