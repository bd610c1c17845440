/**
 * Cognito's message templates: `{username}` becomes the username and `{####}` the code or
 * temporary password, wherever and however often they appear; in an email that verifies by
 * link, `{##Verify Email##}` becomes a link to the verification URL reading "Verify Email".
 * A custom message function's answer uses the same placeholders, so it renders the same way.
 */
export interface TemplateValues {
  username?: string;
  code: string;
  /** The verification link, for CONFIRM_WITH_LINK emails. */
  link?: string;
}

/** `{##Verify Email##}` becomes a link to `url` reading "Verify Email". */
export function renderLinkTemplate(template: string, url: string): string {
  return template.replace(/\{##(.*?)##\}/gs, (_placeholder, text: string) => `<a href="${url}">${text}</a>`);
}

export function renderTemplate(template: string, values: TemplateValues): string {
  let rendered = template.split('{####}').join(values.code);
  if (values.username !== undefined) rendered = rendered.split('{username}').join(values.username);
  if (values.link !== undefined) rendered = renderLinkTemplate(rendered, values.link);
  return rendered;
}
