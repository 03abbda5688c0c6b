export { createClient, type Client, type ClientOptions } from './client'
export { AccessError, type AccessErrorCode } from './errors'
export type * from './types'
export { KeyringError, type KeyringErrorCode } from '../keyring/errors'
