import { cpus, totalmem } from 'node:os';
import { apiThroughputBench, describeApiThroughput } from './api-throughput.bench.js';
import { chatTurnBench, describeChatTurn } from './chat-turn.bench.js';
import { describeRenderFlood, renderFloodBench } from './render-flood.bench.js';
import { describeTemplateRender, templateRenderBench } from './template-render.bench.js';

// Benchmarks, not tests: numbers for docs/benchmarks.md, each against a baseline of the same run.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`Agent Fleet benchmarks — ${machine}\n\n`);
process.stdout.write(`Template rendering\n${describeTemplateRender(await templateRenderBench())}\n\n`);
process.stdout.write(`API throughput (autocannon, loopback)\n${describeApiThroughput(await apiThroughputBench())}\n`);
process.stdout.write(
  `\nChat turn overhead (mock provider, PGlite, filesystem blobs)\n${describeChatTurn(await chatTurnBench())}\n`,
);
process.stdout.write(
  `\n/healthz during a flood of worst-case template previews (8 clients, PGlite)\n${describeRenderFlood(await renderFloodBench())}\n`,
);
