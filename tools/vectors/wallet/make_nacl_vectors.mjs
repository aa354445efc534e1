// Generates btwallet-format NaCl test vectors with libsodium (and cross-checks with tweetnacl).
// Run in a scratch dir that has the packages installed (never inside the repo):
//   npm install libsodium-wrappers-sumo@0.7.15 tweetnacl@1.0.3 @polkadot/util-crypto@13.5.9 @polkadot/util@13.5.9
//   NODE_PATH=$PWD/node_modules node make_nacl_vectors.mjs <output.json>
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(process.env.NODE_PATH + '/');
const sodium = require('libsodium-wrappers-sumo');
const nacl = require('tweetnacl');
const { cryptoWaitReady, mnemonicGenerate, mnemonicToMiniSecret, sr25519PairFromSeed, encodeAddress } =
  require('@polkadot/util-crypto');

await sodium.ready;
await cryptoWaitReady();
const hex = (u8) => Buffer.from(u8).toString('hex');
const SALT = Buffer.from('137183dff15a09bc9c90b5518739e9b1', 'hex'); // btwallet NACL_SALT

// 1. a keyfile encrypted exactly as btwallet's encrypt_keyfile_data does
const password = 'node-libsodium pässwörd ✓';
const mnemonic = mnemonicGenerate(12);
const mini = mnemonicToMiniSecret(mnemonic);
const pair = sr25519PairFromSeed(mini);              // secretKey = ed25519 form (scalar*8 || nonce)
let scalar8 = 0n;
for (let i = 31; i >= 0; i--) scalar8 = (scalar8 << 8n) | BigInt(pair.secretKey[i]);
const scalar = scalar8 >> 3n;                          // canonical (schnorrkel) form = scalar / 8
const canon = new Uint8Array(64);
for (let i = 0, s = scalar; i < 32; i++, s >>= 8n) canon[i] = Number(s & 0xffn);
canon.set(pair.secretKey.slice(32), 32);
const pub = '0x' + hex(pair.publicKey);
const keyfileJson = JSON.stringify({
  accountId: pub, publicKey: pub, privateKey: '0x' + hex(canon), secretPhrase: mnemonic,
  secretSeed: '0x' + hex(mini), ss58Address: encodeAddress(pair.publicKey, 42),
});
const t0 = Date.now();
const key = sodium.crypto_pwhash(32, sodium.from_string(password), SALT,
  sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE, sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE,
  sodium.crypto_pwhash_ALG_ARGON2I13);
const argonMs = Date.now() - t0;
const nonce = sodium.randombytes_buf(24);
const box = sodium.crypto_secretbox_easy(sodium.from_string(keyfileJson), nonce, key);
const file = Buffer.concat([Buffer.from('$NACL'), nonce, box]);
// tweetnacl (independent implementation) must produce the same box and open it
const tbox = nacl.secretbox(Buffer.from(keyfileJson), nonce, key);
if (hex(tbox) !== hex(box)) throw new Error('tweetnacl and libsodium disagree');

// 2. small-parameter argon2i vectors (fast to check)
const argon = [];
for (const [pw, ops, mem] of [['password', 3, 8 * 1024 * 1024], ['', 3, 8192 * 16], ['pässwörd ✓', 4, 32 * 1024 * 1024]]) {
  const salt = sodium.randombytes_buf(16);
  const out = sodium.crypto_pwhash(32, sodium.from_string(pw), salt, ops, mem, sodium.crypto_pwhash_ALG_ARGON2I13);
  argon.push({ password_utf8: pw, salt_hex: hex(salt), opslimit: ops, memlimit_bytes: mem, key_hex: hex(out) });
}

// 3. secretbox vectors of assorted lengths
const boxes = [];
for (const len of [0, 1, 16, 31, 32, 33, 64, 100, 1000]) {
  const k = sodium.randombytes_buf(32), n = sodium.randombytes_buf(24), m = sodium.randombytes_buf(len);
  const c = sodium.crypto_secretbox_easy(m, n, k);
  if (hex(nacl.secretbox(m, n, k)) !== hex(c)) throw new Error('tweetnacl mismatch at ' + len);
  boxes.push({ key_hex: hex(k), nonce_hex: hex(n), plaintext_hex: hex(m), boxed_hex: hex(c) });
}

const out = {
  source: 'tools/vectors/wallet/make_nacl_vectors.mjs on node ' + process.version +
    ' with libsodium-wrappers-sumo ' + sodium.SODIUM_VERSION_STRING + ' (crypto_pwhash ALG_ARGON2I13, crypto_secretbox_easy),' +
    ' cross-checked with tweetnacl; keypair from @polkadot/util-crypto 13.5.9',
  nacl_keyfile: {
    password_utf8: password, opslimit: sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE,
    memlimit_bytes: sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE, salt_hex: hex(SALT), derived_key_hex: hex(key),
    argon2_ms: argonMs, plaintext_utf8: keyfileJson, file_bytes_hex: hex(file),
    ss58_42: encodeAddress(pair.publicKey, 42),
  },
  argon2i: argon,
  secretbox: boxes,
};
fs.writeFileSync(process.argv[2], JSON.stringify(out, null, 1) + '\n');
console.log('wrote', process.argv[2], 'argon2 SENSITIVE took', argonMs, 'ms');
