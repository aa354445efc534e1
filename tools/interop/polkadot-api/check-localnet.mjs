// Usage: node check-localnet.mjs [ws://127.0.0.1:9944]
// Connects to a running `tao4j localnet` with @polkadot/api, reads SubtensorModule.Tempo(35),
// submits a set_weights signed by polkadot-js's own keyring (//Bob//validator puts its weight on UID 2)
// and waits until the extrinsic is in a block, then prints the events. Exits 0 on success.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const endpoint = process.argv[2] || 'ws://127.0.0.1:9944';
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, throwOnConnect: true });
console.log(`connected: ${(await api.rpc.system.chain()).toString()}, spec ${api.runtimeVersion.specVersion.toNumber()}, ` +
  `metadata v${api.runtimeMetadata.version}`);

const tempo = (await api.query.subtensorModule.tempo(35)).toNumber();
console.log(`SubtensorModule.Tempo(35) = ${tempo}`);
if (!(tempo > 0)) fail('Tempo(35) should be positive');

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const validator = keyring.addFromUri('//Bob//validator');
const uid = (await api.query.subtensorModule.uids(35, validator.address)).unwrapOr(null);
console.log(`//Bob//validator ${validator.address} has UID ${uid}`);

const tx = api.tx.subtensorModule.setWeights(35, [2], [65535], 0);
const outcome = await new Promise((resolve, reject) => {
  tx.signAndSend(validator, ({ status, events, dispatchError }) => {
    if (status.isInBlock || status.isFinalized) {
      const names = events.map(({ event }) => `${event.section}.${event.method}`);
      if (dispatchError) {
        const err = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
        resolve({ ok: false, where: status.toString(), names, error: err ? `${err.section}.${err.name}` : dispatchError.toString() });
      } else {
        resolve({ ok: true, where: status.type, names });
      }
    }
  }).catch(reject);
});
console.log(JSON.stringify(outcome));
const weights = (await api.query.subtensorModule.weights(35, 1)).toJSON();
console.log(`SubtensorModule.Weights(35, 1) = ${JSON.stringify(weights)}`);
await api.disconnect();
if (!outcome.ok) fail(`set_weights failed: ${outcome.error}`);
if (!outcome.names.includes('subtensorModule.WeightsSet')) fail('no WeightsSet event');
console.log('OK');
process.exit(0);
