import { createInMemoryResolver, createTemplateEngine } from '@agent-fleet/core';
import { Liquid } from 'liquidjs';
import { format, opsPerSecond } from './measure.js';

/**
 * What the sandbox costs: the same template rendered by our engine (hardened context, copied
 * variables, bounded output, registry includes) and by stock LiquidJS with default options.
 */
const TEMPLATE = `{%- if customer.tier == "vip" -%}Dear {{ customer.name }},{%- else -%}Hi {{ customer.name | default: "there" }},{%- endif %}
You have {{ tickets | size }} open tickets:
{% for ticket in tickets %}- #{{ ticket.id }} {{ ticket.title | truncate: 40 }} ({{ ticket.status | upcase }})
{% endfor %}{% include "signature" %}`;
const SIGNATURE = 'Best regards, the support team';
const variables = {
  customer: { name: 'Ada', tier: 'vip' },
  tickets: Array.from({ length: 10 }, (_, i) => ({
    id: i + 1,
    title: `Printer on floor ${i} is out of toner again`,
    status: 'open',
  })),
};

export async function templateRenderBench(iterations = 3000) {
  const engine = createTemplateEngine();
  const resolver = createInMemoryResolver([{ name: 'signature', version: 1, body: SIGNATURE }]);
  const source = { type: 'text' as const, body: TEMPLATE };
  const stock = new Liquid();
  const stockTemplate = stock.parse(TEMPLATE.replace('{% include "signature" %}', SIGNATURE));

  const ours = (await engine.render(source, variables, { resolver })) as { text: string };
  const theirs = await stock.render(stockTemplate, variables);
  if (ours.text !== theirs) throw new Error('The two renders differ; the comparison would be meaningless');

  const baseline = await opsPerSecond(iterations, () => stock.render(stockTemplate, variables));
  const sandboxed = await opsPerSecond(iterations, () => engine.render(source, variables, { resolver }));
  return { baseline, sandboxed, ratio: baseline / sandboxed };
}

export const describeTemplateRender = (r: Awaited<ReturnType<typeof templateRenderBench>>) =>
  [
    `stock LiquidJS (baseline)      ${format(r.baseline)} renders/s`,
    `sandboxed engine               ${format(r.sandboxed)} renders/s`,
    `sandbox overhead               ${r.ratio.toFixed(2)}× the baseline's time per render`,
  ].join('\n');
