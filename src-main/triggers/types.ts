/** The shapes every Lambda trigger shares: its name, its event, and what a function may return. */

/**
 * The LambdaConfig members that name a trigger. Cognito uses the same names in its trigger
 * error messages ("PreSignUp failed with error ...").
 */
export type TriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'UserMigration'
  | 'CustomMessage'
  | 'CustomEmailSender'
  | 'CustomSMSSender';

export type StringMap = Record<string, string>;

export interface CallerContext {
  awsSdkVersion: string;
  clientId: string;
}

/** The event Cognito sends: the common fields, then the trigger's own request and response. */
export interface TriggerEvent<Source extends string = string, Request = object, Response = object> {
  version: string;
  triggerSource: Source;
  region: string;
  userPoolId: string;
  userName: string | null;
  callerContext: CallerContext;
  request: Request;
  /** Absent only for the custom sender triggers, which Cognito does not expect an answer from. */
  response?: Response;
}

/** How Lambda reports a function that threw (the Invoke API's error body, and ours). */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}
