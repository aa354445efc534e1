// Usage: node check-drand-pulses.mjs [ws://127.0.0.1:9944]
// Reads the drand pulses a running `tao4j localnet` wrote into chain state, decoding them with @polkadot/api
// (types from the node's own metadata): Drand.LastStoredRound, Drand.OldestStoredRound, Drand.Pulses(round).
// Then checks each pulse against the beacon public key of the discovery document with @noble/curves
// (BLS12-381 short signatures on G1, DST BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_, message sha256(round u64 BE)),
// checks randomness = sha256(signature), finds the bare Drand.write_pulse extrinsic in a block body, and lists any
// SubtensorModule.TimelockedWeightCommits entries (commit-reveal weights waiting for their drand round).
// Exits 0 on success.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha256';
import { hexToU8a, u8aToHex } from '@polkadot/util';

const endpoint = process.argv[2] || 'ws://127.0.0.1:9944';
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };
const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

const api = await ApiPromise.create({ provider: new WsProvider(endpoint), noInitWarn: true, throwOnConnect: true });
const httpBase = endpoint.replace(/^ws/, 'http');
const discovery = await (await fetch(`${httpBase}/localnet.json`)).json();
const publicKey = discovery.drand.public_key;
console.log(`connected: ${(await api.rpc.system.chain()).toString()}, beacon public key ${publicKey.slice(0, 16)}…`);

const last = (await api.query.drand.lastStoredRound()).toBigInt();
const oldest = (await api.query.drand.oldestStoredRound()).toBigInt();
console.log(`Drand.LastStoredRound = ${last}, Drand.OldestStoredRound = ${oldest}`);
if (last === 0n) fail('no pulse stored yet');

let checked = 0;
for (let r = last; r >= oldest && r > last - 5n; r--) {
  const opt = await api.query.drand.pulses(r);
  if (opt.isNone) fail(`Drand.Pulses(${r}) is None`);
  const p = opt.unwrap();
  const sig = p.signature.toU8a(true);
  const rnd = p.randomness.toU8a(true);
  const msg = new Uint8Array(8);
  new DataView(msg.buffer).setBigUint64(0, r);
  const point = bls12_381.G1.hashToCurve(sha256(msg), { DST });
  const ok = bls12_381.verifyShortSignature(sig, point, hexToU8a('0x' + publicKey));
  const rndOk = u8aToHex(sha256(sig)) === u8aToHex(rnd);
  console.log(`Drand.Pulses(${r}) = ${p.toRawType()} {round: ${p.round.toString()}, randomness: ${u8aToHex(rnd).slice(0, 18)}…, ` +
    `signature: ${u8aToHex(sig).slice(0, 18)}… (${sig.length} bytes)} BLS ${ok ? 'valid' : 'INVALID'}, randomness ${rndOk ? 'ok' : 'WRONG'}`);
  if (p.round.toBigInt() !== r || !ok || !rndOk) fail(`pulse ${r} does not check out`);
  checked++;
}

// the block that wrote the last round: walk back from the best block to the first bare write_pulse
let found = null;
let hash = await api.rpc.chain.getBlockHash();
for (let i = 0; i < 50 && !found; i++) {
  const { block } = await api.rpc.chain.getBlock(hash);
  const x = block.extrinsics[0];
  if (x && !x.isSigned && x.method.section === 'drand' && x.method.method === 'writePulse') {
    found = { number: block.header.number.toNumber(), rounds: x.method.args[0].pulses.map((q) => q.round.toString()) };
  }
  hash = block.header.parentHash;
  if (block.header.number.toNumber() === 0) break;
}
if (!found) fail('no bare drand.writePulse extrinsic in the last 50 blocks');
console.log(`block ${found.number}: extrinsic 0 is an unsigned drand.writePulse with rounds [${found.rounds.join(', ')}]`);
// timelocked commit-reveal weights waiting for their round, if any (TimelockedWeightCommits(netuid_index, epoch))
const commits = await api.query.subtensorModule.timelockedWeightCommits.entries();
if (commits.length === 0) console.log('SubtensorModule.TimelockedWeightCommits: none');
for (const [key, value] of commits) {
  const [netuid, epoch] = key.args.map((k) => k.toString());
  for (const [who, block, commit, round] of value) {
    console.log(`SubtensorModule.TimelockedWeightCommits(${netuid}, ${epoch}) = ${value.toRawType()}: who ${who.toString()}, ` +
      `commit block ${block.toString()}, ${commit.length}-byte commit, reveal round ${round.toString()}`);
  }
}
console.log(`SubtensorModule.Weights(35, 1) = ${JSON.stringify((await api.query.subtensorModule.weights(35, 1)).toJSON())}`);
await api.disconnect();
console.log(`OK (${checked} pulses verified)`);
process.exit(0);
