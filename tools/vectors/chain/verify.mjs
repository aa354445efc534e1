// Checks extrinsics signed by tao4j's Java code with polkadot-js: the sr25519 signature verifies
// (signatureVerify over the payload, blake2-256 hashed when > 256 bytes) and the extrinsic decodes to the
// signer and call that the signing payload starts with.
// Usage: node verify.mjs <shared fixtures dir> <java_signed_extrinsics.json> <out.json>
import fs from 'node:fs';
import { TypeRegistry, Metadata } from '@polkadot/types';
import { cryptoWaitReady, signatureVerify, blake2AsU8a } from '@polkadot/util-crypto';
import { hexToU8a, u8aToHex } from '@polkadot/util';

await cryptoWaitReady();
const fixtures = process.argv[2];
const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const registries = {};
for (const [spec, file] of [[233, 'testnet-spec233.v14.json'], [393, 'finney-spec393.v16.scale']]) {
  const reg = new TypeRegistry();
  const raw = file.endsWith('.json') ? hexToU8a(JSON.parse(fs.readFileSync(`${fixtures}/metadata/${file}`, 'utf8')).metadata)
    : new Uint8Array(fs.readFileSync(`${fixtures}/metadata/${file}`));
  reg.setMetadata(new Metadata(reg, raw));
  registries[spec] = reg;
}
const results = input.map((x) => {
  const reg = registries[x.spec];
  const ext = reg.createType('Extrinsic', hexToU8a(x.extrinsic));
  const payload = hexToU8a(x.signingPayload);
  const msg = payload.length > 256 ? blake2AsU8a(payload, 256) : payload;
  const signer = ext.signer.toU8a().slice(-32);
  const call = ext.method.toU8a();
  return {
    spec: x.spec, name: x.name, nonce: x.nonce,
    signingPayload: x.signingPayload, extrinsic: x.extrinsic,
    polkadotDecoded: `${ext.method.section}.${ext.method.method} nonce ${ext.nonce.toString()} era ${ext.era.toHex()} tip ${ext.tip.toString()}`,
    signatureVerifies: signatureVerify(msg, ext.signature.toU8a(), signer).isValid,
    decodedCallMatches: u8aToHex(payload.slice(0, call.length)) === u8aToHex(call),
    signerMatches: ext.isSigned && u8aToHex(signer) === x.signer,
  };
});
fs.writeFileSync(process.argv[4], JSON.stringify({ generator: 'tools/vectors/chain/verify.mjs', results }, null, 1) + '\n');
console.log(results.filter((r) => r.signatureVerifies && r.decodedCallMatches).length, 'of', results.length, 'verified');
