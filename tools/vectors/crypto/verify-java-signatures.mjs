// Verifies signatures made by tao4j's Java sr25519 (io.tao4j.crypto.JavaSignatureVectors) with three
// real implementations and writes the verdicts next to each entry:
//   node verify-java-signatures.mjs <java_sigs.json> <output.json>
// The output is committed as crypto/src/test/resources/vectors/java_sr25519_signatures.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { cryptoWaitReady, signatureVerify, encodeAddress } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import * as wasm from '@polkadot/wasm-crypto';
import * as scure from '@scure/sr25519';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { createHash } from 'node:crypto';

const version = (p) => JSON.parse(readFileSync(new URL('./node_modules/' + p + '/package.json', import.meta.url), 'utf8')).version;
await cryptoWaitReady();
await wasm.waitReady();
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const RNG42 = new Uint8Array(32).fill(0x42);
let agree = true;
const keyring = new Keyring({ type: 'sr25519' });
const m24 = entropyToMnemonic(new Uint8Array(createHash('sha256').update('tao4j sr25519 vectors 24').digest()), wordlist);
for (const e of input.entries) {
  const pub = hexToU8a('0x' + e.public_key_hex);
  const msg = hexToU8a('0x' + e.message_hex);
  const sig = hexToU8a('0x' + e.signature_hex);
  e.polkadot_js_signatureVerify = signatureVerify(msg, sig, encodeAddress(pub, 42)).isValid;
  e.wasm_schnorrkel_sr25519Verify = wasm.sr25519Verify(sig, msg, pub);
  try {
    e.scure_verify = scure.verify(msg, sig, pub);
  } catch (err) {
    e.scure_verify = false;
    e.scure_error = String(err.message || err);
  }
  if (e.kind === 'rng_32x0x42') {
    // hard-only paths have deterministic secrets: @scure/sr25519 with the same witness randomness must
    // produce the very same bytes
    const pair = keyring.createFromUri(e.signer.replace('<MNEMONIC_24>', m24));
    const secret = pair.encodePkcs8().slice(16, 80);
    e.scure_sign_rng42_same_bytes = u8aToHex(scure.sign(secret, msg, RNG42)).slice(2) === e.signature_hex;
    if (!e.scure_sign_rng42_same_bytes) { agree = false; console.error('DETERMINISTIC MISMATCH', e); }
  }
  const all = [e.polkadot_js_signatureVerify, e.wasm_schnorrkel_sr25519Verify, e.scure_verify];
  if (!all.every((x) => x === e.expected_valid)) { agree = false; console.error('MISMATCH', e); }
}
const out = {
  source: 'Signatures produced by tao4j Java (' + input.generator + '), then verified by tools/vectors/crypto/verify-java-signatures.mjs with node ' +
    process.version + ', @polkadot/util-crypto@' + version('@polkadot/util-crypto') + ' signatureVerify, @polkadot/wasm-crypto@' +
    version('@polkadot/wasm-crypto') + ' sr25519Verify (Rust schnorrkel) and @scure/sr25519@' + version('@scure/sr25519') +
    ' verify; for kind rng_32x0x42 also whether @scure/sr25519 sign() with the same 32x0x42 witness randomness gives identical bytes. negative_control_* entries are deliberately broken and must be rejected.',
  verified_at: new Date().toISOString(),
  all_verdicts_as_expected: agree,
  entries: input.entries
};
writeFileSync(process.argv[3], JSON.stringify(out, null, 1) + '\n');
console.log(agree ? 'all verdicts as expected' : 'SOME VERDICTS UNEXPECTED', input.entries.length, 'entries');
if (!agree) { process.exit(1); }
