/**
 * Controls without an accessible name, as Chromium itself computes names (the accessibility
 * tree over CDP), so the check is the browser's, not a re-implementation of the naming rules.
 */
import type { Page } from 'playwright-core';

const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'tab', 'listbox', 'option', 'menuitem', 'switch', 'slider', 'spinbutton', 'DisclosureTriangle']);

interface AXNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

/** `role: outer HTML (shortened)` for every unnamed control on the page. */
export async function controlsWithoutName(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    const unnamed = nodes.filter((node) => !node.ignored && CONTROL_ROLES.has(node.role?.value ?? '') && !(node.name?.value ?? '').trim());
    const described: string[] = [];
    for (const node of unnamed) {
      let html = '(no DOM node)';
      if (node.backendDOMNodeId !== undefined) {
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId?: string } };
        if (object.objectId) {
          const result = (await cdp.send('Runtime.callFunctionOn', {
            objectId: object.objectId,
            functionDeclaration: 'function () { return this.outerHTML.slice(0, 160); }',
            returnByValue: true,
          })) as { result: { value?: string } };
          html = result.result.value ?? html;
        }
      }
      described.push(`${node.role?.value}: ${html}`);
    }
    return described;
  } finally {
    await cdp.detach();
  }
}
