// Usage: node check-subscriptions.mjs [ws://127.0.0.1:9944]
// Checks the subscriptions @polkadot/api makes against a running `tao4j localnet`: api.rpc.chain.subscribeNewHeads
// (chain_subscribeNewHeads), subscribeFinalizedHeads, a storage subscription (api.query.system.number →
// state_subscribeStorage), and the Substrate aliases other clients call directly (chain_subscribeNewHead,
// subscribe_newHead, chain_getHead, chain_getFinalisedHead, account_nextIndex). Exits 0 on success.
import { ApiPromise, WsProvider } from '@polkadot/api';

const endpoint = process.argv[2] || 'ws://127.0.0.1:9944';
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };
const withTimeout = (p, ms, what) => Promise.race([p,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))]);

const provider = new WsProvider(endpoint);
const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
console.log(`connected: ${(await api.rpc.system.chain()).toString()}, spec ${api.runtimeVersion.specVersion.toNumber()}`);

// a subscription method's first three notifications, via a callback API that returns an unsubscribe function
async function firstThree(what, subscribe) {
  const seen = [];
  let unsub;
  await withTimeout(new Promise((resolve, reject) => {
    subscribe((value) => {
      seen.push(value);
      if (seen.length === 3) resolve();
    }).then((u) => { unsub = u; }, reject);
  }), 30000, what);
  if (typeof unsub === 'function') await unsub();
  console.log(`${what}: ${seen.join(', ')}`);
  return seen;
}

const heads = await firstThree('api.rpc.chain.subscribeNewHeads',
  (cb) => api.rpc.chain.subscribeNewHeads((h) => cb(h.number.toNumber())));
if (!(heads[0] < heads[1] && heads[1] < heads[2])) fail('new heads should increase');

const finalized = await firstThree('api.rpc.chain.subscribeFinalizedHeads',
  (cb) => api.rpc.chain.subscribeFinalizedHeads((h) => cb(h.number.toNumber())));
if (!(finalized[0] < finalized[2])) fail('finalized heads should increase');

const numbers = await firstThree('api.query.system.number (state_subscribeStorage)',
  (cb) => api.query.system.number((n) => cb(n.toNumber())));
if (!(numbers[0] < numbers[2])) fail('System.Number should increase');

// the aliases, called by their names as other Substrate clients (and older polkadot-js) do
for (const [sub, unsub] of [['chain_subscribeNewHead', 'chain_unsubscribeNewHead'], ['subscribe_newHead', 'unsubscribe_newHead']]) {
  const got = [];
  let id;
  await withTimeout(new Promise((resolve, reject) => {
    provider.subscribe('chain_newHead', sub, [], (err, header) => {
      if (err) return reject(err);
      got.push(parseInt(header.number, 16));
      if (got.length === 2) resolve();
    }).then((i) => { id = i; }, reject);
  }), 30000, sub);
  const ok = await provider.unsubscribe('chain_newHead', unsub, id);
  console.log(`${sub}: heads ${got.join(', ')}; ${unsub}: ${ok}`);
  if (!ok) fail(`${unsub} returned ${ok}`);
}
const hash = await provider.send('chain_getBlockHash', [1]);
const head = await provider.send('chain_getHead', [1]);
console.log(`chain_getHead(1) = ${head} (chain_getBlockHash(1) = ${hash})`);
if (head !== hash) fail('chain_getHead differs from chain_getBlockHash');
const fin = await provider.send('chain_getFinalisedHead', []);
console.log(`chain_getFinalisedHead = ${fin}`);
const nonce = await provider.send('account_nextIndex', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY']);
console.log(`account_nextIndex(//Alice) = ${nonce}`);

await api.disconnect();
console.log('OK');
process.exit(0);
