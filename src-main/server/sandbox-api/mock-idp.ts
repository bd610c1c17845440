/**
 * The built-in mock identity providers in the debugger:
 * - `GET /_sandbox/api/mock-idp`: each mock with the ProviderDetails that wire a pool to it at the
 *   origin asked from (mock-idp/listing.ts);
 * - `GET /_sandbox/api/mock-idp/people[?idp=google]`: their people;
 * - `PUT /_sandbox/api/mock-idp/people/{idp}/{id}` with `{claims}`: a person added or their claims
 *   replaced; `DELETE` the same path: the person removed.
 * A person's id is the one the mock signs them in as (sub, Facebook id, Amazon user_id, SAML
 * NameID), so it is not among their claims. Bounded: ids of 1 to 256 characters, at most 50
 * claims, names of 1 to 256 characters, values of at most 2,048; no control characters.
 */
import type { Request, Response } from 'express';
import type { ErrorBody, MockIdpPerson, MockIdpPersonBody } from '../../../shared/debugger-api.js';
import { isMockIdpKind, MOCK_IDP_KINDS, type MockIdpKind } from '../../../shared/mock-idp.js';
import type { Services } from '../../services.js';
import { mockIdpListing } from '../mock-idp/listing.js';
import { requestOrigin } from '../mock-idp/origin.js';
import { jsonBodyReader, BadQuery, notFound, textQuery, type ApiHandler, type ApiResponse } from './route.js';

const MAX_ID_CHARS = 256;
const MAX_CLAIMS = 50;
const MAX_NAME_CHARS = 256;
const MAX_VALUE_CHARS = 2048;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The claim that is the person's id at each mock: kept out of the claims, where it would contradict it. */
const ID_CLAIMS: Partial<Record<MockIdpKind, string>> = { oidc: 'sub', google: 'sub', apple: 'sub', facebook: 'id', amazon: 'user_id' };

const bodyOf = jsonBodyReader('128kb');

function badRequest(res: ApiResponse<'saveMockIdpPerson'>, message: string): void {
  (res as Response<ErrorBody>).status(400).json({ error: 'bad_request', message });
}

function kindOf(raw: string): MockIdpKind {
  if (!isMockIdpKind(raw)) throw new BadQuery(`idp must be one of ${MOCK_IDP_KINDS.join(', ')}.`);
  return raw;
}

function checkId(id: string): void {
  if (id.length === 0 || id.length > MAX_ID_CHARS || CONTROL.test(id)) {
    throw new BadQuery(`A person's id is 1 to ${MAX_ID_CHARS} characters, without control characters.`);
  }
}

/** The body's claims, or the sentence saying what is wrong with them. */
function readClaims(idp: MockIdpKind, body: unknown): Record<string, string> | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object: {"claims": {...}}.';
  const { claims } = body as Partial<MockIdpPersonBody>;
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return 'claims must be an object of claim names to text values.';
  const entries = Object.entries(claims);
  if (entries.length > MAX_CLAIMS) return `A person has at most ${MAX_CLAIMS} claims.`;
  for (const [name, value] of entries) {
    if (name.length === 0 || name.length > MAX_NAME_CHARS || CONTROL.test(name)) return `Claim names are 1 to ${MAX_NAME_CHARS} characters, without control characters.`;
    if (typeof value !== 'string' || value.length > MAX_VALUE_CHARS) return `The claim ${name} must be text of at most ${MAX_VALUE_CHARS} characters.`;
    if (name === ID_CLAIMS[idp]) return `${name} is the person's id at this mock (the path's {id}), not one of their claims.`;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export function mockIdps({ store }: Pick<Services, 'store'>): ApiHandler<'mockIdps'> {
  return (req, res) => {
    res.json(mockIdpListing(store, requestOrigin(req as Request)));
  };
}

export function mockIdpPeople({ store }: Pick<Services, 'store'>): ApiHandler<'mockIdpPeople'> {
  return (req, res) => {
    const asked = textQuery(req.query, 'idp');
    const kinds = asked === undefined ? MOCK_IDP_KINDS : [kindOf(asked)];
    const people: MockIdpPerson[] = kinds.flatMap((idp) => store.mockIdpPeople.list(idp));
    res.json(people);
  };
}

export function saveMockIdpPerson({ store }: Pick<Services, 'store'>): ApiHandler<'saveMockIdpPerson'> {
  // Express passes a rejected promise (a storage failure) to the API's error answer.
  return async (req, res) => {
    const idp = kindOf(req.params.idp);
    checkId(req.params.id);
    if (!req.is('application/json')) return badRequest(res, 'The body must be JSON (Content-Type: application/json).');
    const body = await bodyOf(req as Request, res as Response);
    if (body === undefined) return badRequest(res, 'The body is not readable JSON of at most 128 KB.');
    const claims = readClaims(idp, body);
    if (typeof claims === 'string') return badRequest(res, claims);
    const person: MockIdpPerson = { idp, id: req.params.id, claims };
    store.mockIdpPeople.save(person);
    res.json(person);
  };
}

export function removeMockIdpPerson({ store }: Pick<Services, 'store'>): ApiHandler<'removeMockIdpPerson'> {
  return (req, res) => {
    const idp = kindOf(req.params.idp);
    checkId(req.params.id);
    if (!store.mockIdpPeople.remove(idp, req.params.id)) return notFound(res, `${req.params.id} is not in the ${idp} mock's directory.`);
    res.json({ removed: true });
  };
}
