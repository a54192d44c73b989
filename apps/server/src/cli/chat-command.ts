import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { ChatEvent } from '@agent-fleet/contracts';
import type { Command } from 'commander';
import { ChatApiError, ChatClient, type ChatClientOptions } from './chat-client.js';

const usd = (value: number): string => `$${value < 0.01 ? value.toFixed(6) : value.toFixed(4)}`;

export interface ChatSessionOptions extends ChatClientOptions {
  agent: string;
  input: Readable;
  output: Writable;
  /** Whether input is a terminal (prompts are shown, Ctrl+C stops a reply). */
  interactive: boolean;
}

/**
 * An interactive chat with one agent over the HTTP API: each line is a message, the reply streams as it is
 * written, Ctrl+C stops a reply in progress (and exits when idle), `/new` starts a new conversation,
 * `/exit` ends. Returns the process exit code.
 */
export async function runChatSession(options: ChatSessionOptions): Promise<number> {
  const client = new ChatClient(options);
  const write = (text: string) => options.output.write(text);
  const agent = await client.findAgent(options.agent);
  let conversation = await client.createConversation(agent.id);
  write(`Chatting with ${agent.name} (${agent.model.provider}/${agent.model.model}). /new starts over, /exit ends.\n`);

  const lines = createInterface({ input: options.input, output: options.output, terminal: options.interactive });
  let turn: AbortController | null = null;
  lines.on('SIGINT', () => {
    if (turn) {
      turn.abort();
      void client.abort(conversation.id).catch(() => undefined);
    } else {
      lines.close();
    }
  });
  const prompt = () => {
    if (options.interactive) write('\nyou › ');
  };
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/new') {
      conversation = await client.createConversation(agent.id);
      write('Started a new conversation.\n');
      prompt();
      continue;
    }
    if (line === '') {
      prompt();
      continue;
    }
    turn = new AbortController();
    write(`${agent.name} › `);
    try {
      for await (const event of client.send(conversation.id, line, turn.signal)) write(render(event));
    } catch (error) {
      if (turn.signal.aborted) write('\n[stopped]\n');
      else if (error instanceof ChatApiError) write(`\n[error] ${error.message}\n`);
      else throw error;
    } finally {
      turn = null;
    }
    prompt();
  }
  lines.close();
  return 0;
}

function render(event: ChatEvent): string {
  switch (event.type) {
    case 'text.delta':
      return event.delta;
    case 'tool.call':
      return `\n  ↳ ${event.name} ${JSON.stringify(event.input)}\n`;
    case 'tool.result':
      return `  ↲ ${event.isError ? '[error] ' : ''}${event.output.slice(0, 200)}\n`;
    case 'llm.call':
      return event.outcome === 'error'
        ? `\n  [${event.provider}/${event.model} ${event.errorClass ?? 'error'}, attempt ${event.attempt}]\n`
        : '';
    case 'turn.completed': {
      const { message } = event;
      const usage = message.usage;
      const tokens = usage ? `${usage.inputTokens} in / ${usage.outputTokens} out` : '';
      return `\n  (${[message.mock ? 'mock' : message.model, tokens, usd(message.costUsd ?? 0)].filter(Boolean).join(' · ')})\n`;
    }
    case 'turn.failed':
      return `\n[${event.error.code}] ${event.error.message}\n`;
    default:
      return '';
  }
}

export function registerChatCommand(program: Command): void {
  program
    .command('chat <agent>')
    .description('Chat with an agent (name or id) in the terminal; replies stream. Uses AGENT_FLEET_URL and AGENT_FLEET_API_KEY')
    .option('--url <url>', 'the Agent Fleet server', process.env.AGENT_FLEET_URL ?? 'http://localhost:3000')
    .option('--api-key <key>', 'an API key (af_…); default AGENT_FLEET_API_KEY')
    .action(async (agent: string, flags: { url: string; apiKey?: string }) => {
      const token = flags.apiKey ?? process.env.AGENT_FLEET_API_KEY;
      if (!token) {
        process.stderr.write('Set AGENT_FLEET_API_KEY or pass --api-key (create a key in Settings → API keys).\n');
        process.exit(2);
      }
      try {
        process.exitCode = await runChatSession({
          url: flags.url,
          token,
          agent,
          input: process.stdin,
          output: process.stdout,
          interactive: Boolean(process.stdin.isTTY),
        });
      } catch (error) {
        if (!(error instanceof ChatApiError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
