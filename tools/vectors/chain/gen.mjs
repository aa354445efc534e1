// Generates storage-key and signed-extrinsic vectors for tao4j's chain module with polkadot-js.
// Usage: node gen.mjs <shared fixtures dir> <out.json>
// Everything is offline: the metadata blobs come from the shared fixtures, the signer is //Alice or //Bob.
import fs from 'node:fs';
import { TypeRegistry, Metadata, expandMetadata } from '@polkadot/types';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, signatureVerify, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aToHex, hexToU8a, compactStripLength, stringToU8a, u8aConcat } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';

const fixtures = process.argv[2];
const outFile = process.argv[3];
await cryptoWaitReady();

function loadMetadata(spec) {
  if (spec === 233) {
    const j = JSON.parse(fs.readFileSync(`${fixtures}/metadata/testnet-spec233.v14.json`, 'utf8'));
    return { file: 'testnet-spec233.v14.json', bytes: hexToU8a(j.metadata), genesis: j.genesisHash };
  }
  return {
    file: 'finney-spec393.v16.scale',
    bytes: new Uint8Array(fs.readFileSync(`${fixtures}/metadata/finney-spec393.v16.scale`)),
    genesis: '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
  };
}

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');
const ALICE = alice.address;
const BOB = bob.address;
const URL100 = 'https://pub-0123456789abcdef0123456789abcdef.r2.dev/5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const URL128 = 'https://example.org/' + 'x'.repeat(108);
const BIRTH_HASH = '0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0';

const out = { generator: 'tools/vectors/chain/gen.mjs', polkadotTypes: null, specs: [] };
out.polkadotTypes = JSON.parse(fs.readFileSync('node_modules/@polkadot/types/package.json', 'utf8')).version;

for (const spec of [233, 393]) {
  const m = loadMetadata(spec);
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, m.bytes);
  registry.setMetadata(metadata);
  const decorated = expandMetadata(registry, metadata);
  const q = decorated.query;
  const tx = decorated.tx;

  const storage = [];
  const key = (pallet, item, args, fn) => {
    const k = fn(...args);
    storage.push({ item: `${pallet}.${item}`, keys: args, key: u8aToHex(compactStripLength(k)[1]) });
  };
  key('SubtensorModule', 'Tempo', [35], q.subtensorModule.tempo);
  key('SubtensorModule', 'SubnetOwnerHotkey', [35], q.subtensorModule.subnetOwnerHotkey);
  key('SubtensorModule', 'SubnetworkN', [35], q.subtensorModule.subnetworkN);
  key('SubtensorModule', 'ValidatorPermit', [35], q.subtensorModule.validatorPermit);
  key('SubtensorModule', 'WeightsVersionKey', [35], q.subtensorModule.weightsVersionKey);
  key('SubtensorModule', 'WeightsSetRateLimit', [35], q.subtensorModule.weightsSetRateLimit);
  key('SubtensorModule', 'CommitRevealWeightsEnabled', [35], q.subtensorModule.commitRevealWeightsEnabled);
  key('SubtensorModule', 'LastUpdate', [35], q.subtensorModule.lastUpdate);
  key('SubtensorModule', 'BlocksSinceLastStep', [35], q.subtensorModule.blocksSinceLastStep);
  key('SubtensorModule', 'NetworksAdded', [35], q.subtensorModule.networksAdded);
  key('SubtensorModule', 'RevealPeriodEpochs', [35], q.subtensorModule.revealPeriodEpochs);
  key('SubtensorModule', 'Uids', [35, ALICE], (a, b) => q.subtensorModule.uids(a, b));
  key('SubtensorModule', 'Keys', [35, 7], (a, b) => q.subtensorModule.keys(a, b));
  key('SubtensorModule', 'Alpha', [ALICE, BOB, 35], (a, b, c) => q.subtensorModule.alpha(a, b, c));
  key('SubtensorModule', 'TotalHotkeyAlpha', [ALICE, 35], (a, b) => q.subtensorModule.totalHotkeyAlpha(a, b));
  key('SubtensorModule', 'TotalHotkeyShares', [ALICE, 35], (a, b) => q.subtensorModule.totalHotkeyShares(a, b));
  key('SubtensorModule', 'OwnedHotkeys', [BOB], q.subtensorModule.ownedHotkeys);
  key('SubtensorModule', 'Owner', [ALICE], q.subtensorModule.owner);
  key('SubtensorModule', 'StakeThreshold', [], q.subtensorModule.stakeThreshold);
  key('Commitments', 'CommitmentOf', [35, ALICE], (a, b) => q.commitments.commitmentOf(a, b));
  key('System', 'Account', [BOB], q.system.account);
  key('System', 'Events', [], q.system.events);
  key('System', 'Number', [], q.system.number);

  // One entry per hasher kind that the metadata uses, with simple key types and fixed argument values,
  // so every hasher is exercised against polkadot-js.
  const lookup = registry.lookup;
  const seen = new Set();
  const latest = metadata.asLatest;
  for (const pallet of latest.pallets) {
    if (pallet.storage.isNone) continue;
    const st = pallet.storage.unwrap();
    for (const e of st.items) {
      if (!e.type.isMap) continue;
      const map = e.type.asMap;
      const hashers = map.hashers.map((h) => h.type);
      const keyTypes = hashers.length === 1 ? [map.key] : lookup.getSiType(map.key).def.asTuple;
      const sigs = keyTypes.map((t) => lookup.getTypeDef(t).type);
      const simple = sigs.every((s) => ['u8', 'u16', 'u32', 'u64', 'AccountId32', 'AccountId', 'H256'].includes(s)
        || /^Compact/.test(s) === false && /^(u8|u16|u32|u64)$/.test(s));
      if (!simple) continue;
      const tag = hashers.join(',');
      const newHasher = hashers.some((h) => !seen.has(h));
      if (!newHasher) continue;
      hashers.forEach((h) => seen.add(h));
      const args = sigs.map((s, i) => {
        if (s === 'AccountId32' || s === 'AccountId') return i % 2 === 0 ? ALICE : BOB;
        if (s === 'H256') return BIRTH_HASH;
        return 7 + i;
      });
      const section = pallet.name.toString().charAt(0).toLowerCase() + pallet.name.toString().slice(1);
      const method = e.name.toString().charAt(0).toLowerCase() + e.name.toString().slice(1);
      const fn = q[section][method];
      storage.push({ item: `${pallet.name}.${e.name}`, keys: args, hashers: tag, key: u8aToHex(compactStripLength(fn(...args))[1]) });
    }
  }

  const runtime = { specVersion: spec, transactionVersion: 1 };
  const calls = [];
  const mk = (name, call, signer, extra = {}) => calls.push({ name, call, signer, ...extra });
  mk('set_weights', tx.subtensorModule.setWeights(35, [0, 5, 9], [65535, 32768, 1], 9012002),
    alice, { args: { netuid: 35, dests: [0, 5, 9], weights: [65535, 32768, 1], version_key: 9012002 } });
  if (tx.subtensorModule.setMechanismWeights) {
    mk('set_mechanism_weights', tx.subtensorModule.setMechanismWeights(35, 0, [0, 5], [65535, 32768], 1020),
      alice, { args: { netuid: 35, mecid: 0, dests: [0, 5], weights: [65535, 32768], version_key: 1020 } });
  }
  mk('move_stake', tx.subtensorModule.moveStake(ALICE, BOB, 1, 2, 123456789), bob,
    { args: { origin_hotkey: ALICE, destination_hotkey: BOB, origin_netuid: 1, destination_netuid: 2, alpha_amount: 123456789 } });
  mk('transfer_stake', tx.subtensorModule.transferStake(BOB, ALICE, 1, 1, 1000000000), bob,
    { args: { destination_coldkey: BOB, hotkey: ALICE, origin_netuid: 1, destination_netuid: 1, alpha_amount: 1000000000 } });
  mk('set_commitment', tx.commitments.setCommitment(35, { fields: [{ Raw100: URL100 }] }), alice,
    { args: { netuid: 35, url: URL100 } });
  if (spec === 393) {
    mk('set_commitment_3_fields', tx.commitments.setCommitment(35, { fields: [{ Raw128: URL128 }, { Raw128: URL128 }, { Raw128: URL128 }] }), alice,
      { args: { netuid: 35, urls: [URL128, URL128, URL128] } });
  }
  mk('transfer_keep_alive', tx.balances.transferKeepAlive({ Id: BOB }, 12345), bob,
    { args: { dest: BOB, value: 12345 } });

  const cases = [];
  for (const c of calls) {
    for (const opt of [{ nonce: 7, tip: 0, period: 32, current: 6852690 }, { nonce: 300, tip: 1000, period: 64, current: 42 }]) {
      const era = registry.createType('ExtrinsicEra', { current: opt.current, period: opt.period });
      const signOpts = {
        blockHash: BIRTH_HASH,
        era,
        genesisHash: m.genesis,
        nonce: opt.nonce,
        runtimeVersion: runtime,
        tip: opt.tip,
        signedExtensions: registry.signedExtensions,
        mode: 0,
      };
      const payload = registry.createType('ExtrinsicPayload', {
        method: c.call.toHex(),
        era: era.toHex(),
        nonce: opt.nonce,
        tip: opt.tip,
        specVersion: spec,
        transactionVersion: 1,
        genesisHash: m.genesis,
        blockHash: BIRTH_HASH,
        mode: 0,
        version: 4,
      }, { version: 4 });
      const payloadU8a = payload.toU8a({ method: true });
      const ext = registry.createType('Extrinsic', c.call);
      ext.sign(c.signer, signOpts);
      const extU8a = ext.toU8a();
      const toSign = payloadU8a.length > 256 ? blake2AsU8a(payloadU8a, 256) : payloadU8a;
      const verified = signatureVerify(toSign, ext.signature.toU8a(), c.signer.publicKey).isValid;
      cases.push({
        name: c.name,
        args: c.args,
        signer: c.signer === alice ? '//Alice' : '//Bob',
        signerPublicKey: u8aToHex(c.signer.publicKey),
        nonce: opt.nonce,
        tip: opt.tip,
        eraPeriod: opt.period,
        eraCurrent: opt.current,
        era: era.toHex(),
        birthHash: BIRTH_HASH,
        call: c.call.toHex(),
        signingPayload: u8aToHex(payloadU8a),
        payloadHashed: payloadU8a.length > 256,
        signature: ext.signature.toHex(),
        signatureVerifies: verified,
        extrinsic: u8aToHex(extU8a),
      });
    }
  }

  out.specs.push({
    spec,
    metadataFile: m.file,
    genesisHash: m.genesis,
    transactionVersion: 1,
    signedExtensions: registry.signedExtensions,
    storage,
    extrinsics: cases,
  });
}

// Every StorageHasher applied to fixed inputs with @polkadot/util-crypto (the metadata blobs use only some of them).
out.hashers = [];
for (const input of ['0x', '0x2300', u8aToHex(alice.publicKey), u8aToHex(stringToU8a('SubtensorModule'))]) {
  const b = hexToU8a(input);
  out.hashers.push({
    input,
    Identity: u8aToHex(b),
    Twox64Concat: u8aToHex(u8aConcat(xxhashAsU8a(b, 64), b)),
    Twox128: u8aToHex(xxhashAsU8a(b, 128)),
    Twox256: u8aToHex(xxhashAsU8a(b, 256)),
    Blake2_128: u8aToHex(blake2AsU8a(b, 128)),
    Blake2_256: u8aToHex(blake2AsU8a(b, 256)),
    Blake2_128Concat: u8aToHex(u8aConcat(blake2AsU8a(b, 128), b)),
  });
}

fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
console.log('wrote', outFile);
