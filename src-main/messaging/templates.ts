/**
 * Cognito's message templates: `{username}` becomes the username and `{####}` the code or
 * temporary password, wherever and however often they appear.
 */
export interface TemplateValues {
  username?: string;
  code: string;
}

export function renderTemplate(template: string, values: TemplateValues): string {
  let rendered = template.split('{####}').join(values.code);
  if (values.username !== undefined) rendered = rendered.split('{username}').join(values.username);
  return rendered;
}
