/** The AWS JSON 1.1 protocol's own errors, below Cognito's (cognito/errors.ts). */
import { exception } from '../../cognito/errors.js';

export const SerializationException = exception('SerializationException', 'Could not parse the request.');
export const UnknownOperationException = exception('UnknownOperationException', 'Unknown operation.');
export const RequestEntityTooLargeException = exception('RequestEntityTooLargeException', 'Request entity too large.', 413);
