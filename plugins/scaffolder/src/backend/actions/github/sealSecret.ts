import sodium from 'libsodium-wrappers';

/**
 * Encrypts a secret for GitHub: a libsodium sealed box to the repository's (or environment's)
 * public key, base64 in and out, which is the only form GitHub's secrets API accepts.
 */
export async function sealSecret(publicKeyBase64: string, value: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}
