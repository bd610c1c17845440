/**
 * `GET /_sandbox/api/flows/{id}/export/{format}`: a flow as a file to download. `curl` (a shell
 * script of its calls), `sdk` (AWS SDK for JavaScript v3), `vitest` (a test that replays it
 * against a sandbox and checks its answers), `mermaid` and `svg` (its sequence diagram, as the
 * window draws it), `json` (its events). An unknown flow answers 404, an unknown format 400.
 */
import type { Request } from 'express';
import type { Services } from '../../../services.js';
import { notFound, type ApiHandler } from '../route.js';
import { curlScript } from './curl.js';
import { mermaidDiagram } from './mermaid.js';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFileName, type ExportFormat } from './naming.js';
import { exportPlan, type ExportPlan } from './plan.js';
import { sdkSnippet } from './sdk.js';
import { svgDiagram } from './svg.js';
import { vitestFile } from './vitest.js';

const isFormat = (format: string): format is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(format);

/** The sandbox's URL as the caller reached it: where an exported file calls back by default. */
const sandboxUrlOf = (req: Request) => `${req.protocol}://${req.get('host') ?? '127.0.0.1:9229'}`;

function render(format: ExportFormat, plan: ExportPlan, sandboxUrl: string): string {
  switch (format) {
    case 'curl':
      return curlScript(plan, sandboxUrl);
    case 'sdk':
      return sdkSnippet(plan, sandboxUrl);
    case 'vitest':
      return vitestFile(plan, sandboxUrl);
    case 'mermaid':
      return mermaidDiagram(plan.events);
    case 'svg':
      return svgDiagram(plan.events, plan.flow);
    case 'json':
      return `${JSON.stringify({ flow: plan.flow, events: plan.events }, null, 2)}\n`;
  }
}

export function exportFlow(services: Services): ApiHandler<'flowExport'> {
  return (req, res) => {
    const { id, format } = req.params;
    if (!isFormat(format)) {
      res.status(400).json({ error: 'bad_request', message: `No export format ${format}: use one of ${EXPORT_FORMATS.join(', ')}.` });
      return;
    }
    const flow = services.store.flows.findById(id);
    if (!flow) return notFound(res, `No flow ${id}.`);
    exportPlan(services, flow, services.store.events.forFlow(flow.id)).then(
      (plan) => {
        res.setHeader('Content-Type', CONTENT_TYPES[format]);
        res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(plan.flow, format)}"`);
        res.send(render(format, plan, sandboxUrlOf(req)));
      },
      (error: unknown) => {
        console.error('[sandbox-api] flow export failed:', error);
        res.status(500).json({ error: 'internal', message: 'The export failed.' });
      },
    );
  };
}
