// Usage: node check-operator.mjs [ws://127.0.0.1:9944]   (TAO4J=path/to/tao4j launcher, default ../../../tao4j)
// Runs tao4j's operator commands (stake add / move, wallet transfer, subnets register, weights set) against a running
// `tao4j localnet --fast` and checks what each one wrote with @polkadot/api's own reads: storage decoded from the
// node's metadata by polkadot-js, at the block the command's extrinsic went into and at its parent. Also compares
// tao4j's fee estimate with polkadot-js's paymentInfo for the same call. Exits 0 when every check holds.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const endpoint = process.argv[2] || 'ws://127.0.0.1:9944';
const tao4j = process.env.TAO4J || resolve(dirname(fileURLToPath(import.meta.url)), '../../../tao4j');
const wallets = mkdtempSync(join(tmpdir(), 'tao4j-operator-'));
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures++; };
const rao = (x) => BigInt(Math.round(Number(x) * 1e9)); // JSON amounts carry 9 decimals

function run(...args) {
  const chain = args[0] === 'wallet' && args[1] !== 'transfer' ? [] : ['--subtensor.chain_endpoint', endpoint];
  const out = execFileSync(tao4j, [...args, '--wallet.path', wallets, ...chain],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim().startsWith('{') ? JSON.parse(out) : out;
}

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, throwOnConnect: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const key = (uri) => keyring.addFromUri(uri).address;
const FRESH_URI = `//Bob//fresh${Date.now() % 100000}`; // a new hotkey on every run
const [BOB, VALIDATOR, AGGREGATOR, EVE, FRESH] = ['//Bob', '//Bob//validator', '//Charlie//aggregator', '//Eve', FRESH_URI].map(key);
console.log(`connected: ${(await api.rpc.system.chain()).toString()}, spec ${api.runtimeVersion.specVersion.toNumber()}`);

run('wallet', 'regen-coldkey', '--wallet.name', 'bob', '--uri', '//Bob', '--no-password');
run('wallet', 'regen-hotkey', '--wallet.name', 'bob', '--wallet.hotkey', 'validator', '--uri', '//Bob//validator', '--no-password');
run('wallet', 'regen-hotkey', '--wallet.name', 'bob', '--wallet.hotkey', 'fresh', '--uri', FRESH_URI, '--no-password');

async function stakeAt(hash, cold, hot, netuid) {
  const at = await api.at(hash);
  const share = (await at.query.subtensorModule.alpha(hot, cold, netuid)).toJSON();
  const total = BigInt((await at.query.subtensorModule.totalHotkeyAlpha(hot, netuid)).toString());
  const shares = (await at.query.subtensorModule.totalHotkeyShares(hot, netuid)).toJSON();
  const bits = (v) => BigInt(typeof v === 'object' ? v.bits : v);
  return bits(shares) === 0n ? 0n : total * bits(share) / bits(shares);
}
const parentOf = async (hash) => (await api.rpc.chain.getHeader(hash)).parentHash.toHex();
const freeAt = async (hash, who) => BigInt((await (await api.at(hash)).query.system.account(who)).data.free.toString());
const epochIn = async (hash, netuid) => BigInt((await (await api.at(hash)).query.subtensorModule.blocksSinceLastStep(netuid)).toString()) === 0n;

// stake add: the stake at the inclusion block minus its parent's is the amount (plus dividends if that block ran the epoch);
// shares are issued at the pool's price and values truncated, so one rao may be lost to rounding, as on chain
const near = (delta, amount) => delta === amount || delta === amount - 1n;
const add = run('stake', 'add', '--wallet.name', 'bob', '--wallet.hotkey', 'validator', '--netuid', '35', '--amount', '2', '-y', '--json');
const addDelta = await stakeAt(add.block_hash, BOB, VALIDATOR, 35) - await stakeAt(await parentOf(add.block_hash), BOB, VALIDATOR, 35);
check(add.success && (near(addDelta, 2_000_000_000n) || (await epochIn(add.block_hash, 35) && addDelta > 2_000_000_000n)),
  `stake add 2 → polkadot-js sees +${addDelta} rao on (${VALIDATOR}, 35) in block ${add.extrinsic_identifier}`);

// stake move
const mv = run('stake', 'move', '--wallet.name', 'bob', '--wallet.hotkey', 'validator', '--origin-netuid', '35', '--dest-netuid', '35',
  '--dest', AGGREGATOR, '--amount', '1', '-y', '--json');
const mvDelta = await stakeAt(mv.block_hash, BOB, AGGREGATOR, 35) - await stakeAt(await parentOf(mv.block_hash), BOB, AGGREGATOR, 35);
check(mv.success && (near(mvDelta, 1_000_000_000n) || await epochIn(mv.block_hash, 35)), `stake move 1 → +${mvDelta} rao on the aggregator`);

// wallet transfer: exact on both sides, and the fee charged is the estimate tao4j printed
const tr = run('wallet', 'transfer', '--wallet.name', 'bob', '--dest', EVE, '--amount', '1.25', '-y', '--json');
const parent = await parentOf(tr.block_hash);
const eveDelta = await freeAt(tr.block_hash, EVE) - await freeAt(parent, EVE);
const bobDelta = await freeAt(parent, BOB) - await freeAt(tr.block_hash, BOB);
check(eveDelta === 1_250_000_000n, `wallet transfer 1.25 → Eve +${eveDelta} rao`);
check(bobDelta === 1_250_000_000n + rao(tr.fee), `Bob paid amount + fee (${bobDelta} rao; tao4j's estimate ${tr.fee} TAO)`);
const info = await api.tx.balances.transferKeepAlive(EVE, 1_250_000_000n).paymentInfo(keyring.addFromUri('//Bob'));
console.log(`     polkadot-js paymentInfo partialFee = ${info.partialFee.toString()} rao (tao4j: ${rao(tr.fee)} rao)`);

// subnets register
const reg = run('subnets', 'register', '--wallet.name', 'bob', '--wallet.hotkey', 'fresh', '--netuid', '35', '-y', '--json');
const uid = (await (await api.at(reg.block_hash)).query.subtensorModule.uids(35, FRESH)).toJSON();
check(reg.success && uid === reg.uid, `subnets register → Uids(35, fresh) = ${uid} (tao4j said ${reg.uid})`);

// weights set (the SDK gate may say too soon right after another setter; then nothing is checked here)
try {
  const ws = run('weights', 'set', '--wallet.name', 'bob', '--wallet.hotkey', 'validator', '--netuid', '35', '--uids', '2,3',
    '--weights', '1,1', '-y', '--json');
  const w = (await api.query.subtensorModule.weights(35, ws.uid)).toJSON();
  check(JSON.stringify(w) === JSON.stringify(ws.weights_on_chain), `weights set → Weights(35, ${ws.uid}) = ${JSON.stringify(w)}`);
} catch (e) {
  console.log(`     weights set not checked: ${String(e.stderr || e).trim()}`);
}

// an error path: the module error's name reaches the operator
try {
  run('stake', 'add', '--wallet.name', 'bob', '--wallet.hotkey', 'validator', '--netuid', '35', '--amount', '99999999', '-y');
  check(false, 'stake add beyond the balance should fail');
} catch (e) {
  check(String(e.stderr).includes('SubtensorModule.NotEnoughBalanceToStake'), `stake add beyond the balance → ${String(e.stderr).trim()}`);
}

await api.disconnect();
console.log(failures === 0 ? 'OK' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
