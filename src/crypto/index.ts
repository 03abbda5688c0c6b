export { CryptoError, type CryptoErrorCode } from './errors'
export { loadSodium, isSodiumLoaded } from './sodium'
export { randomBytes } from './random'
export { hashParts, keyedHash, HASH_BYTES } from './hash'
export {
  generateSigningKeyPair,
  signingKeyPairFromSeed,
  seedOf,
  signDetached,
  verifyDetached,
  preverifyDetached,
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
  SEED_BYTES,
  type SigningKeyPair,
  type SignedMessage,
} from './sign'
export { encrypt, decrypt, generateContentKey, KEY_BYTES, NONCE_BYTES, COMMITMENT_BYTES, type Sealed } from './aead'
export { sealToIdentity, openSealedForIdentity } from './box'
export {
  deriveKeyFromPassphrase,
  newKdfParams,
  interactiveKdfLimits,
  minimumKdfLimits,
  INTERACTIVE_KDF_LIMITS,
  MINIMUM_KDF_LIMITS,
  kdfWeakerThan,
  wipeBytes,
  KDF_KEY_BYTES,
  KDF_SALT_BYTES,
  type KdfLimits,
  type KdfParams,
} from './kdf'
export {
  hashActions,
  signInstemming,
  verifyInstemming,
  signInstemmingWithdrawal,
  verifyInstemmingWithdrawal,
  instemmingMessage,
  INSTEMMING_DOMAIN,
  INSTEMMING_WITHDRAW_DOMAIN,
  ACTIONS_HASH_DOMAIN,
  hashHandelingsdeel,
  signInstemmingAct,
  verifyInstemmingAct,
  INSTEMMING_V2_DOMAIN,
  INSTEMMING_WITHDRAW_V2_DOMAIN,
  INSTEMMING_DISAGREE_DOMAIN,
  HANDELINGSDEEL_HASH_DOMAIN,
  type InstemmingAct,
  type InstemmingVersion,
} from './instemming'
export { signVaststelling, verifyVaststelling, vaststellingMessage, VASTSTELLING_DOMAIN, type VaststellingBasis, type VaststellingFields } from './vaststelling'
export {
  approvalDomain,
  approvalMessage,
  approvalTakesCorrection,
  hashApprovalContent,
  hashRemark,
  signApproval,
  verifyApproval,
  APPROVAL_KINDS,
  SUBJECT_ID_MAX_BYTES,
  REQUEST_SUBJECT_ID,
  type ApprovalFields,
  type ApprovalKind,
  type ApprovalVerdict,
} from './approval'
export {
  generateFileKey,
  pieceCount,
  piecePlaintextBytes,
  isPieceFormat,
  fileHasher,
  PIECE_FORMAT,
  PIECE_FORMATS,
  type PieceFormat,
  pieceAddress,
  fileHash,
  encryptPiece,
  decryptPiece,
  plaintextPiece,
  FILE_KEY_BYTES,
  FILE_PIECE_PLAINTEXT_BYTES,
  FILE_PIECE_MAX_BYTES,
  FILE_PIECE_OVERHEAD_BYTES,
  PIECE_ADDRESS_BYTES,
} from './filePieces'
