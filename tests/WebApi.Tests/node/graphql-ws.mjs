// The real graphql-ws client against our graphql-transport-ws endpoint.
// Usage: node graphql-ws.mjs <ws-url> <access-token>
// Prints one JSON line per finding: badTokenClose, query, event. Exits 0 when all three were seen.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token] = process.argv.slice(2);
const print = (finding) => console.log(JSON.stringify(finding));

function client(connectionParams, lazy = true) {
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy });
}

// Resolves with the first result, rejects with the first error (a CloseEvent when the server closes).
function first(c, payload) {
  return new Promise((resolve, reject) => {
    let dispose = () => {};
    dispose = c.subscribe(payload, {
      next: (value) => { resolve(value); dispose(); },
      error: reject,
      complete: () => reject(new Error('completed without a result')),
    });
  });
}

const bad = client({ Authorization: 'Bearer not-a-real-token' });
try {
  await first(bad, { query: '{ me { email } }' });
  print({ badTokenClose: null });
} catch (closed) {
  print({ badTokenClose: closed?.code ?? String(closed) });
} finally {
  await bad.dispose();
}

// Not lazy, as front ends with subscriptions use it: one connection for their life, the query beside the subscription.
const good = client({ Authorization: `Bearer ${token}` }, false);
const change = first(good, { query: 'subscription { calendarChanged { kind eventId event { title } } }' });
print({ query: await first(good, { query: '{ me { email } }' }) });
print({ event: await change });
await good.dispose();
process.exit(0);
