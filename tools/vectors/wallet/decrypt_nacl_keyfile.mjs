// Decrypts a btwallet $NACL keyfile with libsodium, the way btwallet's decrypt_keyfile_data does.
//   NODE_PATH=<scratch>/node_modules node decrypt_nacl_keyfile.mjs <keyfile> <password-file>
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(process.env.NODE_PATH + '/');
const sodium = require('libsodium-wrappers-sumo');
await sodium.ready;
const data = fs.readFileSync(process.argv[2]);
const password = fs.readFileSync(process.argv[3], 'utf8').replace(/\r?\n$/, '');
if (data.subarray(0, 5).toString() !== '$NACL') throw new Error('not a $NACL keyfile');
const key = sodium.crypto_pwhash(32, sodium.from_string(password), Buffer.from('137183dff15a09bc9c90b5518739e9b1', 'hex'),
  sodium.crypto_pwhash_argon2i_OPSLIMIT_SENSITIVE, sodium.crypto_pwhash_argon2i_MEMLIMIT_SENSITIVE,
  sodium.crypto_pwhash_ALG_ARGON2I13);
const plain = sodium.crypto_secretbox_open_easy(data.subarray(29), data.subarray(5, 29), key);
const json = JSON.parse(sodium.to_string(plain));
console.log('libsodium ' + sodium.SODIUM_VERSION_STRING + ' decrypted OK; keys: ' + Object.keys(json).sort().join(',')
  + '; ss58Address=' + json.ss58Address);
