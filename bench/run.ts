import { cpus, totalmem } from 'node:os';
import { apiThroughputBench, describeApiThroughput } from './api-throughput.bench.js';
import { chatTurnBench, describeChatTurn } from './chat-turn.bench.js';
import { describeFleetStrategy, fleetStrategyBench } from './fleet-strategy.bench.js';
import { describeFleetDispatch, fleetDispatchBench } from './fleet-dispatch.bench.js';
import { describePipelineEngine, pipelineEngineBench } from './pipeline-engine.bench.js';
import { describeRenderFlood, renderFloodBench } from './render-flood.bench.js';
import { describeTemplateRender, templateRenderBench } from './template-render.bench.js';
import { describeWsFanout, wsFanoutBench } from './ws-fanout.bench.js';
import { describeMetricsScrape, metricsScrapeBench } from './metrics-scrape.bench.js';
import { describeWsReplay, wsReplayBench } from './ws-replay.bench.js';

// Benchmarks, not tests: numbers for docs/benchmarks.md, each against a baseline of the same run.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
// `npm run bench -- api` runs only the benchmarks whose name contains one of the words given.
const only = process.argv.slice(2);
const benches: [name: string, run: () => Promise<string>][] = [
  ['template-render', async () => `Template rendering\n${describeTemplateRender(await templateRenderBench())}`],
  ['api-throughput', async () => `API throughput (autocannon, loopback)\n${describeApiThroughput(await apiThroughputBench())}`],
  [
    'chat-turn',
    async () => `Chat turn overhead (mock provider, PGlite, filesystem blobs)\n${describeChatTurn(await chatTurnBench())}`,
  ],
  [
    'render-flood',
    async () =>
      `/healthz during a flood of worst-case template previews (8 clients, PGlite)\n${describeRenderFlood(await renderFloodBench())}`,
  ],
  [
    'pipeline-engine',
    async () => `Pipeline engine (PGlite, in-process queue)\n${describePipelineEngine(await pipelineEngineBench())}`,
  ],
  [
    'fleet-strategy',
    async () => `Fleet distribution strategies (pure, 50 members)\n${describeFleetStrategy(fleetStrategyBench())}`,
  ],
  [
    'fleet-dispatch',
    async () =>
      `Fleet dispatch vs a direct agent task (mock provider, PGlite)\n${describeFleetDispatch(await fleetDispatchBench())}`,
  ],
  ['ws-fanout', async () => `WebSocket fan-out (loopback, PGlite)\n${describeWsFanout(await wsFanoutBench())}`],
  ['ws-replay', async () => `WebSocket replay after a reconnect (loopback, PGlite)\n${describeWsReplay(await wsReplayBench())}`],
  ['metrics-scrape', async () => `Prometheus /metrics scrape (PGlite)\n${describeMetricsScrape(await metricsScrapeBench())}`],
];
process.stdout.write(`Agent Fleet benchmarks — ${machine}\n`);
for (const [name, run] of benches) {
  if (only.length === 0 || only.some((word) => name.includes(word))) process.stdout.write(`\n${await run()}\n`);
}
// The test apps the benchmarks build can leave keep-alive sockets and timers behind: the run is over.
process.exit(0);
