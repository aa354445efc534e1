// Generates crypto/src/test/resources/vectors/polkadot_sr25519.json for tao4j.
// Run from a scratch directory that has this package.json installed (see README.md here):
//   node gen-sr25519.mjs <output.json>
// Every value is computed by the real libraries; where two independent implementations exist
// (@polkadot/util-crypto 14 = @scure/sr25519 in JS, and @polkadot/wasm-crypto = Rust schnorrkel +
// substrate-bip39 compiled to wasm) both are run and the script aborts unless they agree.
import { writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  cryptoWaitReady, mnemonicToMiniSecret, mnemonicToEntropy, mnemonicValidate, sr25519PairFromSeed,
  keyExtractSuri, signatureVerify, sr25519Verify, sr25519DerivePublic, encodeAddress
} from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, hexToU8a, stringToU8a } from '@polkadot/util';
import * as wasm from '@polkadot/wasm-crypto';
import * as scure from '@scure/sr25519';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';

const version = (p) => JSON.parse(readFileSync(new URL('./node_modules/' + p + '/package.json', import.meta.url), 'utf8')).version;
const hex = (u8) => u8aToHex(u8).slice(2);
const check = (cond, what) => { if (!cond) { throw new Error('cross-check failed: ' + what); } };
const sha = (s) => new Uint8Array(createHash('sha256').update(s).digest());
const DEV = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const RNG42 = new Uint8Array(32).fill(0x42);

await cryptoWaitReady();
await wasm.waitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

// ---- mnemonics of every length, from fixed entropy so the file is reproducible ----
const entropyLen = { 12: 16, 15: 20, 18: 24, 21: 28, 24: 32 };
const mnemonics = {};
const mnemonicVectors = [];
for (const words of [12, 15, 18, 21, 24]) {
  const entropy = sha('tao4j sr25519 vectors ' + words).slice(0, entropyLen[words]);
  const m = entropyToMnemonic(entropy, wordlist);
  mnemonics[words] = m;
  check(mnemonicValidate(m), 'validate ' + words);
  check(hex(mnemonicToEntropy(m)) === hex(entropy), 'entropy ' + words);
  const entry = { mnemonic: m, words, entropy_hex: hex(entropy), passwords: [] };
  for (const pw of ['', 'Tr0ub4dour', 'correct horse battery staple', 'pässwörd ü']) {
    // mnemonicToMiniSecret uses the wasm substrate-bip39 when it is loaded; onlyJs = true forces the
    // JS PBKDF2 path, so the two are independent
    const mini = mnemonicToMiniSecret(m, pw, undefined, true);
    const miniWasm = wasm.bip39ToMiniSecret(m, pw);
    check(hex(mini) === hex(miniWasm), 'mini secret pjs-js vs wasm ' + words + pw);
    const pair = sr25519PairFromSeed(mini);
    const pairWasm = wasm.sr25519KeypairFromSeed(mini);
    check(hex(pair.secretKey) === hex(pairWasm.slice(0, 64)), 'secret pjs vs wasm');
    check(hex(pair.publicKey) === hex(pairWasm.slice(64)), 'public pjs vs wasm');
    entry.passwords.push({
      password: pw, mini_secret_hex: hex(mini), secret_ed25519_form_hex: hex(pair.secretKey),
      public_key_hex: hex(pair.publicKey), ss58_42: encodeAddress(pair.publicKey, 42)
    });
  }
  mnemonicVectors.push(entry);
}
const badChecksum = mnemonics[12].split(' ');
badChecksum[11] = badChecksum[11] === 'abandon' ? 'ability' : 'abandon';
const invalidMnemonics = [
  { mnemonic: badChecksum.join(' '), reason: 'checksum mismatch' },
  { mnemonic: mnemonics[12].replace(/^\S+/, 'notaword'), reason: 'unknown word (position 1)' },
  { mnemonic: mnemonics[12].split(' ').slice(0, 11).join(' '), reason: 'wrong word count (11)' }
];
for (const b of invalidMnemonics) { check(!mnemonicValidate(b.mnemonic), 'invalid mnemonic rejected: ' + b.reason); }

// ---- secret URIs: dev accounts, the project's localnet paths, soft/numeric/hex/long junctions ----
const seedHex = '0x' + hex(sha('tao4j raw seed'));
const uris = [
  '//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie',
  '//Alice//stash', '//Bob//stash', '//Bob//validator', '//Charlie//miner', '//Charlie//aggregator',
  '//Eve//miner0', '//Eve//miner1', '//Eve//miner2', '//Eve//miner3',
  '//Alice/soft', '//Alice/0', '//Alice/1//2/3', '//0', '//1', '//18446744073709551615', '//18446744073709551616',
  '//Alice//0x0102ff', '//0x' + 'ab'.repeat(33), '//Alice/' + 'LongSoftJunctionThatIsMoreThan32Bytes',
  DEV + '/Alice', DEV + '///devpassword',
  mnemonics[12] + '//hotkey/0', mnemonics[12] + '///Tr0ub4dour', mnemonics[12] + '//hot//key///Tr0ub4dour',
  mnemonics[24], mnemonics[24] + '//1//2/3', mnemonics[15] + '//hotkey', mnemonics[18] + '/soft', mnemonics[21] + '//x/y',
  seedHex, seedHex + '//Alice', seedHex + '/soft//hard'
];
const uriVectors = [];
for (const suri of uris) {
  const pair = keyring.createFromUri(suri);
  const full = suri.startsWith('/') ? DEV + suri : suri;
  const { path, password, phrase } = keyExtractSuri(full);
  // independent derivation with the Rust schnorrkel wasm build
  const seed = phrase.startsWith('0x') ? hexToU8a(phrase) : wasm.bip39ToMiniSecret(phrase, password || '');
  let kp = wasm.sr25519KeypairFromSeed(seed);
  for (const j of path) {
    kp = j.isHard ? wasm.sr25519DeriveKeypairHard(kp, j.chainCode) : wasm.sr25519DeriveKeypairSoft(kp, j.chainCode);
  }
  check(hex(kp.slice(64)) === hex(pair.publicKey), 'uri pjs vs wasm: ' + suri);
  // and with @scure/sr25519 directly
  let sec = scure.secretFromSeed(seed);
  for (const j of path) { sec = j.isHard ? scure.HDKD.secretHard(sec, j.chainCode) : scure.HDKD.secretSoft(sec, j.chainCode); }
  check(hex(scure.getPublicKey(sec)) === hex(pair.publicKey), 'uri pjs vs scure: ' + suri);
  const hardOnly = path.every((j) => j.isHard);
  const v = {
    suri: suri.startsWith(DEV) ? '<DEV_PHRASE>' + suri.slice(DEV.length) : suri,
    junctions: path.map((j) => ({ hard: j.isHard, chain_code_hex: hex(j.chainCode) })),
    password: password ?? null,
    public_key_hex: hex(pair.publicKey), ss58_42: pair.address, ss58_0: encodeAddress(pair.publicKey, 0),
    hard_only: hardOnly
  };
  if (hardOnly) {
    // fully deterministic secret (soft derivation draws a random nonce in schnorrkel and scure)
    check(hex(kp.slice(0, 64)) === hex(sec), 'hard-derived secret wasm vs scure: ' + suri);
    v.secret_ed25519_form_hex = hex(sec);
  }
  uriVectors.push(v);
}

// ---- soft derivation of public keys only ----
const alice = keyring.createFromUri('//Alice');
const softPublic = [];
for (const p of ['/soft', '/0', '/1/2', '/' + 'LongSoftJunctionThatIsMoreThan32Bytes', '/0x0102']) {
  const { path } = keyExtractSuri(DEV + p);
  let pub = alice.publicKey;
  for (const j of path) {
    const a = sr25519DerivePublic(pub, j.chainCode);
    const b = wasm.sr25519DerivePublicSoft(pub, j.chainCode);
    check(hex(a) === hex(b), 'soft public pjs vs wasm ' + p);
    pub = a;
  }
  check(hex(pub) === hex(keyring.createFromUri('//Alice' + p).publicKey), 'soft public vs secret path ' + p);
  softPublic.push({ parent: '//Alice', parent_public_key_hex: hex(alice.publicKey), path: p, public_key_hex: hex(pub) });
}

// ---- soft secret derivation with the nonce RNG fixed (@scure/sr25519 HDKD.secretSoft random = 32x0x42) ----
const aliceSecret = scure.HDKD.secretHard(scure.secretFromSeed(mnemonicToMiniSecret(DEV)),
  keyExtractSuri(DEV + '//Alice').path[0].chainCode);
const softSecretRng42 = [];
for (const p of ['/soft', '/0']) {
  const cc = keyExtractSuri(DEV + p).path[0].chainCode;
  const child = scure.HDKD.secretSoft(aliceSecret, cc, RNG42);
  softSecretRng42.push({ parent: '//Alice', junction: p, chain_code_hex: hex(cc), secret_ed25519_form_hex: hex(child),
    public_key_hex: hex(scure.getPublicKey(child)) });
}

// ---- signatures ----
const messages = [
  new Uint8Array(0), stringToU8a('hello tao4j'), sha('32 byte message'),
  Uint8Array.from({ length: 256 }, (_, i) => i), Uint8Array.from({ length: 257 }, (_, i) => (i * 7) & 255),
  Uint8Array.from({ length: 1000 }, (_, i) => (i * 13 + 5) & 255)
];
const signerUris = ['//Alice', '//Bob//validator', '//Charlie//miner', '//Alice/soft', mnemonics[24] + '//1//2/3'];
const signatures = [];
for (const suri of signerUris) {
  const pair = keyring.createFromUri(suri);
  const secret = hexToU8a(u8aToHex(pair.encodePkcs8().slice(16, 80)));
  for (const msg of messages) {
    const pjsSig = pair.sign(msg);
    check(signatureVerify(msg, pjsSig, pair.address).isValid, 'pjs verify ' + suri);
    check(wasm.sr25519Verify(pjsSig, msg, pair.publicKey), 'wasm verifies pjs sig ' + suri);
    const wasmSig = wasm.sr25519Sign(pair.publicKey, secret, msg);
    check(sr25519Verify(msg, wasmSig, pair.publicKey), 'pjs verifies wasm sig ' + suri);
    const entry = {
      signer: suri.startsWith('/') ? suri : suri.replace(mnemonics[24], '<MNEMONIC_24>'),
      public_key_hex: hex(pair.publicKey), message_hex: hex(msg),
      signature_polkadot_js_hex: hex(pjsSig), signature_wasm_schnorrkel_hex: hex(wasmSig)
    };
    if (!suri.includes('/soft') && !suri.endsWith('/3')) {
      // deterministic witness: only meaningful where the secret (incl. nonce) is deterministic
      const det = scure.sign(secret, msg, RNG42);
      check(wasm.sr25519Verify(det, msg, pair.publicKey), 'wasm verifies scure deterministic sig');
      entry.deterministic_scure_rng_32x0x42_hex = hex(det);
    }
    const tampered = Uint8Array.from(pjsSig); tampered[5] ^= 1;
    check(!signatureVerify(msg, tampered, pair.address).isValid, 'tampered rejected');
    signatures.push(entry);
  }
}

const out = {
  source: 'tools/vectors/crypto/gen-sr25519.mjs run with node ' + process.version + ', @polkadot/util-crypto@' +
    version('@polkadot/util-crypto') + ' (sr25519 via @scure/sr25519), @polkadot/keyring@' + version('@polkadot/keyring') +
    ', @polkadot/wasm-crypto@' + version('@polkadot/wasm-crypto') + ' (Rust schnorrkel + substrate-bip39 in wasm), @scure/sr25519@' +
    version('@scure/sr25519') + ', @scure/bip39@' + version('@scure/bip39') +
    '. Every key, derivation and signature was computed by polkadot-js and re-checked with the wasm schnorrkel build and @scure/sr25519; the script aborts on any disagreement.',
  generated_at: new Date().toISOString(),
  dev_phrase: DEV,
  signing_context: 'substrate',
  notes: {
    suri: '<DEV_PHRASE> stands for dev_phrase; URIs starting with // use it (polkadot-js Keyring.createFromUri). <MNEMONIC_24> is mnemonics[24 words].',
    secrets: 'secret_ed25519_form_hex = polkadot-js/@scure 64-byte secret (scalar*8 || nonce). Given only for hard-only paths: soft derivation draws a random nonce.',
    deterministic: 'deterministic_scure_rng_32x0x42_hex = @scure/sr25519 sign(secret, msg, random = 32 bytes 0x42); soft_secret_rng_32x0x42 likewise for HDKD.secretSoft.'
  },
  all_checks_passed: true,
  mnemonics: mnemonicVectors,
  invalid_mnemonics: invalidMnemonics,
  uris: uriVectors,
  soft_public: softPublic,
  soft_secret_rng_32x0x42: softSecretRng42,
  signatures
};
writeFileSync(process.argv[2] || 'polkadot_sr25519.json', JSON.stringify(out, null, 1) + '\n');
console.log('wrote', uriVectors.length, 'uris,', signatures.length, 'signatures');
