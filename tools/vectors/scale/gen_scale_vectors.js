// Generates scale/src/test/resources/vectors/polkadot_js_calls.json with @polkadot/types.
// Usage (outside the repo):  mkdir /tmp/v && cp package.json gen_scale_vectors.js /tmp/v && cd /tmp/v &&
//   npm install && node gen_scale_vectors.js <shared fixtures dir> > polkadot_js_calls.json
'use strict';
const fs = require('fs');
const path = require('path');
const { TypeRegistry, Metadata, expandMetadata } = require('@polkadot/types');
const { u8aToHex, hexToU8a } = require('@polkadot/util');

const fixtures = process.argv[2] || '/work/shared/fixtures';

function loadHex(file) {
  const p = path.join(fixtures, 'metadata', file);
  if (file.endsWith('.json')) return JSON.parse(fs.readFileSync(p, 'utf8')).metadata;
  if (file.endsWith('.hex')) return fs.readFileSync(p, 'utf8').trim();
  return u8aToHex(fs.readFileSync(p));
}

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const URL = 'https://pub-0123456789abcdef0123456789abcdef.r2.dev/' + ALICE;
const URL_HEX = '0x' + Buffer.from(URL, 'utf8').toString('hex');

// argument values by argument name (the same JSON goes to polkadot-js and into the vector file)
const ARGS = {
  netuid: 35, mecid: 1,
  dests: [0, 5, 69, 255, 4095], weights: [65535, 32768, 1, 0, 12345],
  version_key: '18446744073709551615',
  commit: '0x' + 'ab'.repeat(300),
  reveal_round: 12345678, commit_reveal_version: 4,
  hotkey: ALICE, origin_hotkey: ALICE, destination_hotkey: BOB, destination_coldkey: BOB,
  origin_netuid: 3, destination_netuid: 64,
  amount_staked: '1000000000', amount_unstaked: '123456789', alpha_amount: '9007199254740993',
  dest: ALICE, value: '18446744073709551615',
  info: { fields: [{ ['Raw' + Buffer.byteLength(URL)]: URL_HEX }] },
};

const CALLS = [
  ['SubtensorModule', 'set_weights'],
  ['SubtensorModule', 'set_mechanism_weights'],
  ['SubtensorModule', 'commit_crv3_weights'],
  ['SubtensorModule', 'commit_timelocked_weights'],
  ['SubtensorModule', 'commit_timelocked_mechanism_weights'],
  ['SubtensorModule', 'add_stake'],
  ['SubtensorModule', 'remove_stake'],
  ['SubtensorModule', 'move_stake'],
  ['SubtensorModule', 'transfer_stake'],
  ['SubtensorModule', 'burned_register'],
  ['Commitments', 'set_commitment'],
  ['Balances', 'transfer_keep_alive'],
];

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const lower = (s) => s.charAt(0).toLowerCase() + s.slice(1);

function typeIdOf(latest, pallet, item) {
  const p = latest.pallets.find((x) => x.name.toString() === pallet);
  const e = p.storage.unwrap().items.find((x) => x.name.toString() === item);
  return e.type.isPlain ? e.type.asPlain.toNumber() : e.type.asMap.value.toNumber();
}

function run(file) {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, loadHex(file));
  registry.setMetadata(metadata);
  const decorated = expandMetadata(registry, metadata);
  const latest = metadata.asLatest;
  const spec = registry.createType('RuntimeVersion', decorated.consts.system.version).specVersion.toNumber();
  const out = { file, specVersion: spec, metadataVersion: metadata.version, calls: [], values: [] };

  for (const [pallet, call] of CALLS) {
    const fn = decorated.tx[lower(pallet)] && decorated.tx[lower(pallet)][camel(call)];
    if (!fn) continue; // not in this runtime
    // the snake_case names as the runtime declares them (fn.meta.args are camelCased by polkadot-js)
    const pm = latest.pallets.find((x) => x.name.toString() === pallet);
    const variant = registry.lookup.getSiType(pm.calls.unwrap().type).def.asVariant.variants
      .find((v) => v.name.toString() === call);
    const names = variant.fields.map((f) => f.name.unwrap().toString());
    const args = {};
    for (const n of names) {
      if (!(n in ARGS)) throw new Error(`no value for ${pallet}.${call} argument ${n}`);
      args[n] = ARGS[n];
    }
    const encoded = fn(...names.map((n) => args[n]));
    out.calls.push({ pallet, call, args, hex: encoded.toHex() });
  }

  // a batch of calls: exercises the outer RuntimeCall enum
  const sw = decorated.tx.subtensorModule.setWeights(1, [0], [65535], 0);
  const bs = decorated.tx.subtensorModule.burnedRegister(...(decorated.tx.subtensorModule.burnedRegister.meta.args.length === 2 ? [1, ALICE] : [1]));
  const batch = decorated.tx.utility.batch([sw, bs]);
  const bsArgs = decorated.tx.subtensorModule.burnedRegister.meta.args.length === 2 ? { netuid: 1, hotkey: ALICE } : { netuid: 1 };
  out.calls.push({
    pallet: 'Utility', call: 'batch',
    args: { calls: [
      { SubtensorModule: { set_weights: { netuid: 1, dests: [0], weights: [65535], version_key: 0 } } },
      { SubtensorModule: { burned_register: bsArgs } },
    ] },
    hex: batch.toHex(),
  });

  // value round trips: encode with polkadot-js by metadata type id; tao4j must produce the same bytes
  const values = [
    ['System', 'Account', { nonce: 7, consumers: 1, providers: 2, sufficients: 0,
      data: { free: '1234567890123', reserved: 0, frozen: 5, flags: '170141183460469231731687303715884105728' } }],
    ['SubtensorModule', 'ValidatorPermit', [true, false, true, true]],
    ['SubtensorModule', 'LastUpdate', [0, 1, '18446744073709551615', 6852690]],
    ['SubtensorModule', 'OwnedHotkeys', [ALICE, BOB]],
    ['SubtensorModule', 'Alpha', { bits: '22772505558994441469952' }],
    ['Commitments', 'CommitmentOf', { deposit: 0, block: 6852690, info: { fields: [
      { Raw5: '0x68656c6c6f' }, { Sha256: '0x' + '11'.repeat(32) }, 'None' ] } }],
  ];
  for (const [pallet, item, value] of values) {
    const p = latest.pallets.find((x) => x.name.toString() === pallet);
    if (!p || !p.storage.unwrap().items.find((x) => x.name.toString() === item)) continue;
    const id = typeIdOf(latest, pallet, item);
    const t = registry.createTypeUnsafe(registry.createLookupType(id), [value]);
    out.values.push({ what: `${pallet}.${item} value`, typeId: id, value, hex: t.toHex() });
  }
  // enums from the event/error area: DispatchError::Module and MultiAddress
  const addressTy = registry.lookup.types
    .find((t) => t.type.path.map(String).join('::') === 'sp_runtime::multiaddress::MultiAddress').id.toNumber();
  for (const value of [{ Id: ALICE }, { Address20: '0x' + '42'.repeat(20) }, { Raw: '0x010203' }]) {
    const t = registry.createTypeUnsafe(registry.createLookupType(addressTy), [value]);
    out.values.push({ what: 'MultiAddress', typeId: addressTy, value, hex: t.toHex() });
  }
  const de = registry.lookup.types.find((t) => t.type.path.map(String).join('::') === 'sp_runtime::DispatchError');
  if (de) {
    const id = de.id.toNumber();
    const moduleFields = registry.lookup.getSiType(id).def.asVariant.variants.find((v) => v.name.toString() === 'Module').fields;
    const errTy = registry.lookup.getSiType(moduleFields[0].type).def.asComposite.fields[1].type;
    const errIsArray = registry.lookup.getSiType(errTy).def.isArray;
    const mod = { Module: { index: 7, error: errIsArray ? '0x1c000000' : 28 } };
    for (const value of [mod, 'BadOrigin', { Arithmetic: 'Overflow' }]) {
      const t = registry.createTypeUnsafe(registry.createLookupType(id), [value]);
      out.values.push({ what: 'DispatchError', typeId: id, value, hex: t.toHex() });
    }
  }
  out.events = eventRecords(registry, latest);
  return out;
}

// snake_case keys → camelCase for polkadot-js struct input (variant names have no underscores)
function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[camel(k)] = camelKeys(x);
    return o;
  }
  return v;
}

// System.Events value: records built field by field with polkadot-js types, then decoded back by polkadot-js
function eventRecords(registry, latest) {
  const info = { weight: { ref_time: '1234567890', proof_size: 4321 }, class: 'Normal', pays_fee: 'No' };
  const specs = [
    ['System', 'ExtrinsicSuccess', { dispatch_info: info }],
    ['System', 'ExtrinsicFailed', { dispatch_error: { Module: { index: 7, error: '0x1c000000' } }, dispatch_info: info }],
    ['SubtensorModule', 'WeightsSet', [1, 5]],
    ['TransactionPayment', 'TransactionFeePaid', { who: ALICE, actual_fee: '125000', tip: 0 }],
    ['Balances', 'Withdraw', { who: BOB, amount: '18446744073709551615' }],
    ['Commitments', 'Commitment', { netuid: 23, who: ALICE }],
    ['SubtensorModule', 'StakeAdded', [BOB, ALICE, '1000000000', '999000000', 3, 77]],
  ];
  const sys = latest.pallets.find((x) => x.name.toString() === 'System');
  const eventsTy = sys.storage.unwrap().items.find((x) => x.name.toString() === 'Events').type.asPlain.toNumber();
  const recordTy = registry.lookup.getSiType(eventsTy).def.asSequence.type.toNumber();
  const recordFields = registry.lookup.getSiType(recordTy).def.asComposite.fields;
  const phaseTy = recordFields[0].type;
  const parts = [];
  const value = [];
  specs.forEach(([pallet, event, args], i) => {
    const p = latest.pallets.find((x) => x.name.toString() === pallet);
    const variant = registry.lookup.getSiType(p.events.unwrap().type).def.asVariant.variants
      .find((v) => v.name.toString() === event);
    let fieldValues;
    let myArgs;
    if (Array.isArray(args)) {
      fieldValues = args.slice(0, variant.fields.length);
      myArgs = fieldValues.length === 1 ? fieldValues[0] : fieldValues;
    } else {
      fieldValues = variant.fields.map((f) => args[f.name.unwrap().toString()]);
      myArgs = args;
    }
    const bytes = [p.index.toNumber(), variant.index.toNumber()];
    variant.fields.forEach((f, k) => {
      bytes.push(...registry.createTypeUnsafe(registry.createLookupType(f.type), [camelKeys(fieldValues[k])]).toU8a());
    });
    const phase = i === 0 ? 'Initialization' : { ApplyExtrinsic: i };
    parts.push(...registry.createTypeUnsafe(registry.createLookupType(phaseTy), [phase]).toU8a(), ...bytes, 0);
    value.push({ phase, event: { [pallet]: { [event]: myArgs } }, topics: [] });
  });
  const hex = u8aToHex(new Uint8Array([...registry.createType('Compact<u32>', specs.length).toU8a(), ...parts]));
  // polkadot-js must read back the same events
  const decoded = registry.createTypeUnsafe(registry.createLookupType(eventsTy), [hexToU8a(hex)]);
  decoded.forEach((r, i) => {
    if (r.event.section.toLowerCase() !== specs[i][0].toLowerCase() || r.event.method !== specs[i][1]) {
      throw new Error(`polkadot-js read back ${r.event.section}.${r.event.method} for ${specs[i][0]}.${specs[i][1]}`);
    }
  });
  if (decoded.toHex() !== hex) throw new Error('polkadot-js re-encoding of the events differs');
  return { typeId: eventsTy, value, hex, polkadotJs: decoded.map((r) => `${r.event.section}.${r.event.method}`) };
}

const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const result = {
  source: 'tools/vectors/scale/gen_scale_vectors.js with @polkadot/types ' + versionOf('@polkadot/types')
    + ' and @polkadot/util ' + versionOf('@polkadot/util') + ' on the shared fixture metadata',
  blobs: ['testnet-spec233.v14.json', 'finney-spec393.v16.scale', 'finney-spec343.v15.hex'].map(run),
};
process.stdout.write(JSON.stringify(result, null, 1) + '\n');
