// Opens the Java-made vectors in drand/src/test/resources/vectors/java_tlock_r1000.json with independent
// implementations and writes the outcome into the file's "wasm_check" section:
//  * every timelock ciphertext is decrypted with the real wasm build of its layout
//    (@ideallabs/timelock_wasm_wrapper@1.0.0 = legacy, @0.3.0 = current) and the round-1000 signature,
//    and must also be refused by the other build (the two layouts are mutually unreadable);
//  * every MANTIS v2 payload is opened the way ledger.py does it, with node:crypto (X25519, HKDF-SHA256,
//    ChaCha20-Poly1305) and the wasm tld, and also through the owner path with the owner's X25519 secret.
// Usage: npm install && node check_java_tlock.mjs <path to java_tlock_r1000.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import path from 'node:path';
import * as tl100 from 'tl100';
import * as tl030 from 'tl030';

const require = createRequire(import.meta.url);
function wasmPath(pkg) {
  return path.join(path.dirname(require.resolve(pkg + '/package.json')), 'timelock_wasm_wrapper_bg.wasm');
}
tl100.initSync({ module: readFileSync(wasmPath('tl100')) });
tl030.initSync({ module: readFileSync(wasmPath('tl030')) });

const file = process.argv[2];
const doc = JSON.parse(readFileSync(file, 'utf8'));
const sig = Array.from(Buffer.from(doc.round_signature_hex, 'hex'));

function tld(layout, ct) {
  const bytes = Array.from(ct);
  const out = layout === 'legacy' ? tl100.tld(bytes, sig, 'bls12_381') : tl030.tld(bytes, sig);
  return Buffer.from(out);
}
function other(layout) { return layout === 'legacy' ? 'current' : 'legacy'; }
function errText(e) { return String(e && e.message ? e.message : e); }

const tlockResults = [];
for (const v of doc.tlock) {
  const ct = Buffer.from(v.ciphertext_hex, 'hex');
  const r = { label: v.label, layout: v.layout, build: v.layout === 'legacy' ? '@ideallabs/timelock_wasm_wrapper@1.0.0' : '@ideallabs/timelock_wasm_wrapper@0.3.0' };
  try {
    const pt = tld(v.layout, ct);
    r.wasm_plaintext_hex = pt.toString('hex');
    r.decrypts_to_message = r.wasm_plaintext_hex === v.message_hex;
  } catch (e) {
    r.error = errText(e);
    r.decrypts_to_message = false;
  }
  try {
    tld(other(v.layout), ct);
    r.other_build_refuses = false;
  } catch (e) {
    r.other_build_refuses = true;
    r.other_build_error = errText(e);
  }
  // the 32-byte key also opens the body directly (wasm decrypt(ct, sk))
  try {
    const skArr = Array.from(Buffer.from(v.sk_hex, 'hex'));
    const out = v.layout === 'legacy' ? tl100.decrypt(Array.from(ct), skArr, 'bls12_381') : tl030.decrypt(Array.from(ct), skArr);
    r.wasm_decrypt_with_sk_ok = Buffer.from(out).toString('hex') === v.message_hex;
  } catch (e) {
    r.wasm_decrypt_with_sk_ok = false;
    r.wasm_decrypt_with_sk_error = errText(e);
  }
  tlockResults.push(r);
}

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const priv = (raw) => crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
const pub = (raw) => crypto.createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
const pubOf = (raw) => crypto.createPublicKey(priv(raw)).export({ format: 'der', type: 'spki' }).subarray(-32);
const x25519 = (sk, pk) => crypto.diffieHellman({ privateKey: priv(sk), publicKey: pub(pk) });
const wrapKey = (shared) => Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.alloc(0), Buffer.from('mantis-owner-wrap'), 44)).subarray(0, 32);
function chachaOpen(key, nonce, ctTag, aad) {
  const d = crypto.createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  d.setAAD(aad, { plaintextLength: ctTag.length - 16 });
  d.setAuthTag(ctTag.subarray(ctTag.length - 16));
  return Buffer.concat([d.update(ctTag.subarray(0, ctTag.length - 16)), d.final()]);
}
function binding(hk, round, ownerPk, pke) {
  return crypto.createHash('sha256').update(Buffer.from(hk, 'utf8')).update(':').update(String(round))
    .update(':').update(ownerPk).update(':').update(pke).digest();
}

const payloadResults = [];
for (const v of doc.mantis_payloads) {
  const p = JSON.parse(v.payload_json);
  const r = { layout: v.layout };
  try {
    const ownerPk = Buffer.from(v.owner_x25519_public_hex, 'hex');
    if (typeof p.owner_pk === 'string' && p.owner_pk.toLowerCase() !== v.owner_x25519_public_hex) throw new Error('owner_pk mismatch');
    const pke = Buffer.from(p.W_owner.pke, 'hex');
    const b = binding(p.hk, parseInt(p.round, 10), ownerPk, pke);
    if (!b.equals(Buffer.from(p.binding, 'hex'))) throw new Error('binding mismatch');
    let skeK = tld(v.layout, Buffer.from(p.W_time.ct, 'hex'));
    if (skeK.length === 128) skeK = Buffer.from(skeK.toString('ascii'), 'hex');
    if (skeK.length !== 64) throw new Error('time plaintext length ' + skeK.length);
    const ske = skeK.subarray(0, 32);
    const key = skeK.subarray(32);
    if (!pubOf(ske).equals(pke)) throw new Error('pke mismatch');
    const wrapped = chachaOpen(wrapKey(x25519(ske, ownerPk)), Buffer.from(p.W_owner.nonce, 'hex'), Buffer.from(p.W_owner.ct, 'hex'), b);
    if (!wrapped.equals(key)) throw new Error('owner wrap key mismatch');
    const pt = chachaOpen(key, Buffer.from(p.C.nonce, 'hex'), Buffer.from(p.C.ct, 'hex'), b).toString('utf8');
    const obj = JSON.parse(pt);
    r.validator_path_plaintext = pt;
    r.validator_path_ok = pt === v.expected_plaintext_json && obj.hotkey === v.hotkey;
    // owner path: the owner's secret with pke gives the same wrap key
    const k2 = chachaOpen(wrapKey(x25519(Buffer.from(v.owner_x25519_secret_hex, 'hex'), pke)),
      Buffer.from(p.W_owner.nonce, 'hex'), Buffer.from(p.W_owner.ct, 'hex'), b);
    r.owner_path_ok = chachaOpen(k2, Buffer.from(p.C.nonce, 'hex'), Buffer.from(p.C.ct, 'hex'), b).toString('utf8') === v.expected_plaintext_json;
  } catch (e) {
    r.error = errText(e);
    r.validator_path_ok = false;
  }
  payloadResults.push(r);
}

doc.wasm_check = {
  node_version: process.version,
  builds: {
    legacy: '@ideallabs/timelock_wasm_wrapper@1.0.0 (' + crypto.createHash('sha256').update(readFileSync(wasmPath('tl100'))).digest('hex') + ')',
    current: '@ideallabs/timelock_wasm_wrapper@0.3.0 (' + crypto.createHash('sha256').update(readFileSync(wasmPath('tl030'))).digest('hex') + ')',
  },
  tlock: tlockResults,
  mantis_payloads: payloadResults,
  all_ok: tlockResults.every((r) => r.decrypts_to_message && r.other_build_refuses && r.wasm_decrypt_with_sk_ok)
    && payloadResults.every((r) => r.validator_path_ok && r.owner_path_ok),
};
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
console.log('all_ok =', doc.wasm_check.all_ok);
for (const r of tlockResults) if (!(r.decrypts_to_message && r.other_build_refuses)) console.log('tlock problem', r);
for (const r of payloadResults) if (!(r.validator_path_ok && r.owner_path_ok)) console.log('payload problem', r);
