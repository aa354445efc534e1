/**
 * Building blocks of sr25519 (schnorrkel over Ristretto255): the Keccak-f[1600] permutation, a STROBE-128
 * duplex with only the operations Merlin needs, Merlin transcripts, and the schnorrkel signing, key
 * expansion and hierarchical derivation steps. Applications use {@link io.tao4j.crypto.Sr25519KeyPair} and
 * {@link io.tao4j.crypto.Sr25519}; the classes here are public only so that those can reach them.
 */
package io.tao4j.crypto.sr25519;
