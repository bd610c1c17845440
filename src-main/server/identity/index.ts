/** Cognito Identity's doors beside the AWS JSON API: its OpenID issuer's discovery and keys, and the STS stand-in. */
export { cognitoIdentityIssuerRoutes } from './issuer.js';
export { stsRouter, STS_SERVICE } from './sts/index.js';
