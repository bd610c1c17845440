/**
 * A browser's part of a hosted login without a browser: follow /oauth2/authorize to the sign-in
 * page, read its form, post it, and answer whatever comes back. For protocol tests and the
 * benchmark; the Chromium tests drive the real pages.
 */
export interface PageAnswer {
  status: number;
  /** The Location of a redirect. */
  location?: string;
  html?: string;
  cookies: string[];
}

export async function getPage(url: string, cookie?: string): Promise<PageAnswer> {
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return answerOf(response);
}

export async function postForm(url: string, form: Record<string, string>, cookie?: string): Promise<PageAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie && { cookie }) },
    body: new URLSearchParams(form),
  });
  return answerOf(response);
}

async function answerOf(response: Response): Promise<PageAnswer> {
  const location = response.headers.get('location') ?? undefined;
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    ...(location && { location }),
    ...(type.startsWith('text/html') && { html: await response.text() }),
    cookies: response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!),
  };
}

/** The login's Session in a page's form. */
export function sessionOf(html: string | undefined): string {
  const match = /name="session" value="([^"]+)"/.exec(html ?? '');
  if (!match) throw new Error(`no login form in the page: ${html?.slice(0, 300)}`);
  return match[1]!;
}

/** The error a page shows, if any. */
export function pageError(html: string | undefined): string | undefined {
  return /class="errorMessage-customizable"[^>]*>([^<]*)</.exec(html ?? '')?.[1];
}

/** From the authorize URL to the sign-in page: the page and the cookie jar so far. */
export async function openSignInPage(baseUrl: string, authorizeUrl: string, cookie?: string): Promise<{ page: PageAnswer; session: string }> {
  const authorize = await getPage(authorizeUrl, cookie);
  if (authorize.status !== 302 || !authorize.location?.startsWith('/login')) throw new Error(`authorize answered ${authorize.status} ${authorize.location ?? authorize.html?.slice(0, 300)}`);
  const page = await getPage(new URL(authorize.location, baseUrl).href, cookie);
  return { page, session: sessionOf(page.html) };
}

/** A whole password login: answers the redirect back to the app (with the code) and the hosted session cookie. */
export async function passwordLogin(baseUrl: string, authorizeUrl: string, username: string, password: string): Promise<{ location: string; cookie?: string }> {
  const { session } = await openSignInPage(baseUrl, authorizeUrl);
  const signedIn = await postForm(`${baseUrl}/login`, { session, username, password });
  if (signedIn.status !== 302 || !signedIn.location) throw new Error(`sign-in answered ${signedIn.status}: ${pageError(signedIn.html) ?? signedIn.html?.slice(0, 300)}`);
  return { location: signedIn.location, ...(signedIn.cookies[0] && { cookie: signedIn.cookies[0] }) };
}
