/**
 * The device views' strings, in the language the app shell chose (`lang()` from ./index): Dutch
 * first, English second.
 */
import { createTranslator } from './translator'
import { devicesEn } from './devices.en'
import { devicesNl, type DevicesKey } from './devices.nl'

export type { DevicesKey }

export const tDevices = createTranslator(devicesNl, devicesEn)
