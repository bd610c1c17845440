/**
 * Single logout messages the mock sends by the HTTP-Redirect binding (SAML 2.0 Core §3.7): the
 * LogoutResponse to an SP's LogoutRequest, and the LogoutRequest of a logout the mock starts.
 * They travel unsigned inside and signed in the query (redirect-binding.ts).
 */
import type { Clock } from '../../../clock.js';
import type { Ids } from '../../../ids.js';
import { samlId, xml } from './xml.js';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

interface MessageServices {
  clock: Clock;
  ids: Ids;
}


export function logoutResponseXml(services: MessageServices, to: { idpEntityId: string; destination: string; inResponseTo: string }): string {
  return xml`<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId(services.ids)}" Version="2.0" IssueInstant="${new Date(services.clock.now()).toISOString()}" Destination="${to.destination}" InResponseTo="${to.inResponseTo}"><saml:Issuer>${to.idpEntityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status></samlp:LogoutResponse>`.text;
}

export function logoutRequestXml(
  services: MessageServices,
  to: { idpEntityId: string; destination: string; nameId: string; sessionIndex?: string },
): string {
  const sessionIndex = to.sessionIndex ? xml`<samlp:SessionIndex>${to.sessionIndex}</samlp:SessionIndex>` : '';
  return xml`<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId(services.ids)}" Version="2.0" IssueInstant="${new Date(services.clock.now()).toISOString()}" Destination="${to.destination}"><saml:Issuer>${to.idpEntityId}</saml:Issuer><saml:NameID Format="${PERSISTENT}">${to.nameId}</saml:NameID>${sessionIndex}</samlp:LogoutRequest>`.text;
}
