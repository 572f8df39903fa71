// apiKey, rootCertificates and client certificates against real servers: one with a keys file
// and TLS from a private CA, one with mutual TLS (--tls-client-ca).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GrpcStatus, KpiClient } from '../src';
import { at, call, campaign } from './scenario';
import { startServer, type TestServer } from './server';

const day = '2026-04-07';
const range = { from: at('00:00', day), to: at('00:00', '2026-04-08') };
const key = `kpi_${randomBytes(32).toString('base64url')}`;
const dir = mkdtempSync(path.join(tmpdir(), 'kpigrpc-node-access-'));
const file = (name: string) => path.join(dir, name);
let server: TestServer;
let plaintextServer: TestServer;
let mutualTlsServer: TestServer;

function openssl(...args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** A self-signed CA: name.pem and name.key. */
function authority(name: string) {
  openssl('req', '-x509', ...ec, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2',
    '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

/** server.pem and server.key for 127.0.0.1 and localhost, issued by ca. */
function serverCertificate() {
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
}

/** name.pem and name.key: a client certificate for mutual TLS, issued by authority. */
function clientCertificate(authority: string, name: string) {
  writeFileSync(file(`${name}.ext`), 'extendedKeyUsage=clientAuth\n');
  openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${authority}.pem`, '-CAkey', `${authority}.key`,
    '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
}

/** The keys file as `kpi keys add` writes it: one key with the ingest and read roles. */
function keysFile() {
  const entry = {
    name: 'reporting-job',
    roles: ['ingest', 'read'],
    campaigns: null,
    sha256: createHash('sha256').update(key, 'utf8').digest('hex'),
    created: new Date().toISOString(),
  };
  writeFileSync(file('keys.json'), JSON.stringify({ keys: [entry] }));
}

before(async () => {
  authority('ca');
  authority('other-ca');
  serverCertificate();
  clientCertificate('ca', 'dialer-1');
  clientCertificate('other-ca', 'intruder');
  keysFile();
  server = await startServer({
    https: true,
    args: ['--keys-file', file('keys.json'), '--tls-cert', file('server.pem'), '--tls-key', file('server.key')],
    clientOptions: { apiKey: key, rootCertificates: file('ca.pem') },
  });
  plaintextServer = await startServer({ args: ['--keys-file', file('keys.json')], clientOptions: { apiKey: key } });
  mutualTlsServer = await startServer({
    https: true,
    args: ['--tls-cert', file('server.pem'), '--tls-key', file('server.key'), '--tls-client-ca', file('ca.pem')],
    clientOptions: { rootCertificates: file('ca.pem'), clientCertificate: file('dialer-1.pem'), clientKey: file('dialer-1.key') },
  });
});

after(async () => {
  await server?.stop();
  await plaintextServer?.stop();
  await mutualTlsServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a key with ingest and read over TLS records and queries', async () => {
  const client = new KpiClient(server.address, { apiKey: key, rootCertificates: readFileSync(file('ca.pem')) });
  try {
    const ack = await client.recordCalls([call('access-1', 'op-a', at('09:00', day), 'busy')]);
    const rows = await client.queryKpis({ ...range, filter: { campaignIds: [campaign] } });

    assert.equal(ack.accepted, 1);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].counts.dialed, 1);
  } finally {
    client.close();
  }
});

test('a key over plaintext records and queries', async () => {
  const client = new KpiClient(plaintextServer.address, { apiKey: key });
  try {
    const ack = await client.recordCalls([{ ...call('plain-1', 'op-a', at('10:00', day), 'busy'), campaignId: 'plain' }]);
    const rows = await client.queryKpis({ ...range, filter: { campaignIds: ['plain'] } });

    assert.equal(ack.accepted, 1);
    assert.deepEqual(rows.map((row) => row.counts.dialed), [1]);
  } finally {
    client.close();
  }
});

test('no key: UNAUTHENTICATED', async () => {
  const client = new KpiClient(server.address, { rootCertificates: file('ca.pem') });
  try {
    await assert.rejects(client.queryKpis(range, { deadline: 10_000 }), (error: { code?: number }) => {
      assert.equal(error.code, GrpcStatus.UNAUTHENTICATED);
      return true;
    });
  } finally {
    client.close();
  }
});

test('a wrong key: UNAUTHENTICATED', async () => {
  const client = new KpiClient(server.address, { apiKey: 'kpi_not-a-key', rootCertificates: file('ca.pem') });
  try {
    await assert.rejects(client.queryKpis(range, { deadline: 10_000 }), (error: { code?: number }) => {
      assert.equal(error.code, GrpcStatus.UNAUTHENTICATED);
      return true;
    });
  } finally {
    client.close();
  }
});

test('a CA that did not issue the server certificate fails the handshake: UNAVAILABLE', async () => {
  const client = new KpiClient(server.address, { apiKey: key, rootCertificates: file('other-ca.pem') });
  try {
    await assert.rejects(client.queryKpis(range, { deadline: 10_000 }), (error: { code?: number }) => {
      assert.equal(error.code, GrpcStatus.UNAVAILABLE);
      return true;
    });
  } finally {
    client.close();
  }
});

test('a key with a line break or a space is refused at construction', () => {
  for (const apiKey of ['', `${key}\n`, 'kpi abc']) {
    assert.throws(() => new KpiClient('127.0.0.1:5051', { apiKey }), /apiKey/);
  }
});

test('mutual TLS: a client certificate from files records and queries', async () => {
  const client = new KpiClient(mutualTlsServer.address, {
    rootCertificates: file('ca.pem'),
    clientCertificate: file('dialer-1.pem'),
    clientKey: file('dialer-1.key'),
  });
  try {
    const ack = await client.recordCalls([{ ...call('mtls-1', 'op-a', at('09:00', day), 'busy'), campaignId: 'mutual' }]);
    const rows = await client.queryKpis({ ...range, filter: { campaignIds: ['mutual'] } });

    assert.equal(ack.accepted, 1);
    assert.deepEqual(rows.map((row) => row.counts.dialed), [1]);
  } finally {
    client.close();
  }
});

test('mutual TLS: a client certificate as PEM contents queries', async () => {
  const client = new KpiClient(mutualTlsServer.address, {
    rootCertificates: readFileSync(file('ca.pem')),
    clientCertificate: readFileSync(file('dialer-1.pem')),
    clientKey: readFileSync(file('dialer-1.key')),
  });
  try {
    const rows = await client.queryKpis({ ...range, filter: { campaignIds: ['nobody'] } }, { deadline: 10_000 });

    assert.deepEqual(rows, []);
  } finally {
    client.close();
  }
});

test('mutual TLS: no client certificate: UNAUTHENTICATED', async () => {
  const client = new KpiClient(mutualTlsServer.address, { rootCertificates: file('ca.pem') });
  try {
    await assert.rejects(client.queryKpis(range, { deadline: 10_000 }), (error: { code?: number }) => {
      assert.equal(error.code, GrpcStatus.UNAUTHENTICATED);
      return true;
    });
  } finally {
    client.close();
  }
});

test('mutual TLS: a client certificate of another CA: UNAUTHENTICATED', async () => {
  const client = new KpiClient(mutualTlsServer.address, {
    rootCertificates: file('ca.pem'),
    clientCertificate: file('intruder.pem'),
    clientKey: file('intruder.key'),
  });
  try {
    await assert.rejects(client.queryKpis(range, { deadline: 10_000 }), (error: { code?: number }) => {
      assert.equal(error.code, GrpcStatus.UNAUTHENTICATED);
      return true;
    });
  } finally {
    client.close();
  }
});

test('a client certificate without its key is refused at construction', () => {
  assert.throws(() => new KpiClient('127.0.0.1:5051', { clientCertificate: Buffer.from('x') }), /clientKey/);
});
