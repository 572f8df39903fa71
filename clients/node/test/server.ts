// Starts the real KpiGrpc server (Release build) on a free loopback port with a fresh data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KpiClient, type KpiClientOptions } from '../src';

export interface TestServer {
  address: string;
  client: KpiClient;
  stop(): Promise<void>;
}

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'src', 'KpiGrpc.Server', 'KpiGrpc.Server.csproj'))) {
      return dir;
    }
  }
  throw new Error(`No KpiGrpc repository above ${__dirname}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface ServerSettings {
  /** Extra server arguments, e.g. --keys-file or --tls-cert/--tls-key. */
  args?: string[];
  /** Listen on https:// (give --tls-cert and --tls-key in args). */
  https?: boolean;
  /** Of the client that probes the server and is handed back. */
  clientOptions?: KpiClientOptions;
}

export async function startServer(settings: ServerSettings = {}): Promise<TestServer> {
  const dll = path.join(repoRoot(), 'src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll');
  if (!existsSync(dll)) {
    throw new Error(`${dll} is missing: run dotnet build -c Release src/KpiGrpc.Server (test.sh does)`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kpigrpc-node-'));
  const address = `127.0.0.1:${await freePort()}`;
  const scheme = settings.https ? 'https' : 'http';
  const args = [dll, '--urls', `${scheme}://${address}`, '--data-dir', dataDir, ...(settings.args ?? [])];
  const child = spawn('dotnet', args, {
    // appsettings.json (HTTP/2 without TLS) is read from the content root: the dll's folder.
    cwd: path.dirname(dll),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error)); // e.g. no dotnet on the PATH
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const client = new KpiClient(address, settings.clientOptions);
  const stop = async () => {
    client.close();
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    if (!spawnError) {
      await exited(child); // A process that never started may never emit 'exit'.
    }
    clearTimeout(killer);
    await rm(dataDir, { recursive: true, force: true });
  };

  // Ready when a cheap query succeeds; give up after 30 s or if the process dies.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const from = new Date('2026-01-01T00:00:00Z');
      await client.queryKpis({ from, to: new Date('2026-01-01T00:15:00Z') }, { deadline: 1000 });
      return { address, client, stop };
    } catch (error) {
      if (spawnError || child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`Server did not start (${String(spawnError ?? error)}):\n${output}`);
      }
      await sleep(250);
    }
  }
}
