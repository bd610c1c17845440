/**
 * A browser's part of a redirect-driven login, without a browser: GETs and form POSTs with a
 * cookie jar (names and values only: every cookie goes with every request to the sandbox), and
 * redirects followed one at a time, so a test sees each hop and stops where it wants.
 */
export interface Hop {
  status: number;
  url: string;
  location?: string;
  contentType: string;
  body: string;
}

export class FetchBrowser {
  readonly cookies = new Map<string, string>();

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }

  private async hop(url: string, init: RequestInit): Promise<Hop> {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...this.cookieHeader() } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      url,
      ...(location && { location: new URL(location, url).href }),
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }

  get(url: string): Promise<Hop> {
    return this.hop(url, { method: 'GET' });
  }

  post(url: string, form: Record<string, string>): Promise<Hop> {
    return this.hop(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** Follows redirects from `first` until one leaves for a URL `stop` accepts (answered, not fetched) or a page answers. */
  async follow(first: Hop, stop: (url: string) => boolean = () => false): Promise<Hop> {
    let hop = first;
    for (let hops = 0; hop.location && hops < 10; hops++) {
      if (stop(hop.location)) return hop;
      hop = await this.get(hop.location);
    }
    return hop;
  }
}

/** The login page's form action and the hidden fields it carries. */
export function loginForm(page: string, base: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no login form in the page: ${page.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(name!)] = unescape(value!);
  return { action: new URL(unescape(action), base).href, fields };
}

/** The people the login page offers, by their `data-person`. */
export function peopleOffered(page: string): string[] {
  return [...page.matchAll(/data-person="([^"]+)"/g)].map(([, id]) => unescape(id!));
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
