/**
 * HTML for the hosted pages: a tagged template that escapes every value it is given (a value
 * that is markup already is wrapped in `raw`), and the page layout Cognito's classic hosted UI
 * has: a banner with the logo, one card, Cognito's `*-customizable` classes so a pool's
 * SetUICustomization CSS applies as it would on AWS.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup that is trusted as it is. */
export const raw = (text: string): Html => new Html(text);

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Html(out);
}

/** Cognito's look, before the pool's own CSS (which comes after it and wins). */
const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;font-size:14px;color:#333;background:#fafafa}
.background-customizable{min-height:100vh;padding:32px 16px}
.modal-content{max-width:380px;margin:0 auto;background:#fff;border-radius:6px;box-shadow:0 1px 8px rgba(0,0,0,.15);overflow:hidden}
.banner-customizable{padding:20px 0;background:#63717a;text-align:center}
.logo-customizable{max-width:60%;max-height:60px}
.banner-customizable .sandbox-name{color:#fff;font-size:18px;letter-spacing:.02em}
.modal-body{padding:20px 24px 24px}
h1,.textDescription-customizable.heading{font-size:16px;font-weight:600;margin:4px 0 14px}
.textDescription-customizable{display:block;margin:0 0 12px;line-height:1.45}
.label-customizable{display:block;font-weight:600;margin:10px 0 4px}
.inputField-customizable{display:block;width:100%;height:34px;padding:6px 10px;border:1px solid #ccc;border-radius:4px;font-size:14px;background:#fff}
.inputField-customizable:focus{border-color:#66afe9;outline:0;box-shadow:0 0 6px rgba(102,175,233,.6)}
.submitButton-customizable{display:block;width:100%;margin-top:16px;height:38px;border:0;border-radius:4px;background:#337ab7;color:#fff;font-size:14px;cursor:pointer}
.submitButton-customizable:hover{background:#286090}
.idpButton-customizable{display:block;width:100%;height:38px;margin:6px 0;border:1px solid #2e6da4;border-radius:4px;background:#337ab7;color:#fff;text-align:center;line-height:36px;text-decoration:none}
.idpButton-customizable:hover{background:#286090}
.idpDescription-customizable{display:block;margin:0 0 8px;color:#333;font-weight:600}
.divider{display:flex;align-items:center;gap:10px;margin:16px 0;color:#747474}
.divider::before,.divider::after{content:'';flex:1;border-top:1px solid #ddd}
button.idpButton-customizable{cursor:pointer;font:inherit}
.notice{padding:8px 12px;border:1px solid #bce8f1;border-radius:4px;background:#d9edf7;color:#31708f}
.errorMessage-customizable{display:block;margin:0 0 12px;padding:8px 12px;border:1px solid #e7c3c3;border-radius:4px;background:#f2dede;color:#a94442}
.legalText-customizable{display:block;margin-top:12px;color:#747474;font-size:12px}
.redirect-customizable{display:block;margin-top:12px;text-align:center}
.footer-customizable{margin-top:14px;text-align:center}
a{color:#337ab7}
.choices label{display:block;margin:6px 0;font-weight:400}
.link-button{border:0;background:none;padding:0;color:#337ab7;font:inherit;text-decoration:underline;cursor:pointer}
.password-hints{margin:6px 0 0;padding-left:18px}
.inline-form{display:inline}
.qr{display:block;margin:8px auto;width:180px;height:180px}
.secret{font-family:ui-monospace,Menlo,monospace;word-break:break-all;background:#f5f5f5;padding:6px 8px;border-radius:4px}
.sandbox-note{max-width:380px;margin:12px auto 0;color:#999;font-size:11px;text-align:center}
`;

export interface PageFrame {
  title: string;
  /** The pool's SetUICustomization: its CSS (already checked against Cognito's classes) and logo. */
  customization?: { css?: string; imageUrl?: string };
  body: Html;
}

export function page({ title, customization, body }: PageFrame): string {
  const banner = customization?.imageUrl ? html`<img class="logo-customizable" src="${customization.imageUrl}" alt="logo">` : html`<span class="sandbox-name">Cognito Sandbox</span>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${raw(BASE_CSS)}</style>
${customization?.css ? html`<style>${raw(customization.css.replace(/<\/style/gi, '<\\/style'))}</style>` : ''}
</head>
<body>
<div class="background-customizable">
<div class="modal-content">
<div class="banner-customizable">${banner}</div>
<div class="modal-body">
${body}
</div>
</div>
<p class="sandbox-note">Served by Cognito Sandbox, a local stand-in for Amazon Cognito's hosted UI.</p>
</div>
</body>
</html>`.text;
}
