/**
 * The local certificate authority's certificate, for a user or a client to trust: served as
 * `application/x-x509-ca-cert`, the type browsers offer to import a CA from.
 */
import type { Services } from '../../services.js';
import { notFound, type ApiHandler } from './route.js';

export function tlsCaCertificate(services: Pick<Services, 'https'>): ApiHandler<'tlsCaCertificate'> {
  return (_req, res) => {
    if (!services.https) return notFound(res, 'The sandbox serves no HTTPS, so it has no certificate authority: start it with --https-port.');
    res.type('application/x-x509-ca-cert').set('Content-Disposition', 'inline; filename="cognito-sandbox-ca.pem"').send(services.https.caCertificatePem);
  };
}
