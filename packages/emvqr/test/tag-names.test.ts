import { describe, expect, it } from 'vitest';
import { childContext, type TagContext, tagName } from '../src/index.js';

describe('tagName()', () => {
  it.each<[TagContext, number, string]>([
    ['root', 0, 'Payload Format Indicator'],
    ['root', 1, 'Point of Initiation Method'],
    ['root', 2, 'Merchant Account Information (Visa)'],
    ['root', 4, 'Merchant Account Information (Mastercard)'],
    ['root', 15, 'Merchant Account Information (UnionPay)'],
    ['root', 20, 'Merchant Account Information (reserved by EMVCo)'],
    ['root', 26, 'Merchant Account Information (template)'],
    ['root', 51, 'Merchant Account Information (template)'],
    ['root', 54, 'Transaction Amount'],
    ['root', 57, 'Value of Convenience Fee Percentage'],
    ['root', 63, 'CRC'],
    ['root', 64, 'Merchant Information—Language Template'],
    ['root', 70, 'RFU for EMVCo'],
    ['root', 80, 'Unreserved Template'],
    ['additional-data', 5, 'Reference Label'],
    ['additional-data', 7, 'Terminal Label'],
    ['additional-data', 9, 'Additional Consumer Data Request'],
    ['additional-data', 11, 'Merchant Channel'],
    ['additional-data', 30, 'RFU for EMVCo'],
    ['additional-data', 50, 'Payment System Specific Template'],
    ['language', 0, 'Language Preference'],
    ['language', 2, 'Merchant City—Alternate Language'],
    ['language', 3, 'RFU for EMVCo'],
    ['merchant-account', 0, 'Globally Unique Identifier'],
    ['merchant-account', 1, 'Payment Network Specific'],
    ['payment-system', 0, 'Globally Unique Identifier'],
    ['unreserved', 1, 'Context Specific Data'],
  ])('%s %i → %s', (context, tag, want) => {
    expect(tagName(context, tag)).toBe(want);
  });
});

describe('childContext()', () => {
  it.each<[TagContext, number, TagContext | undefined]>([
    ['root', 25, undefined],
    ['root', 26, 'merchant-account'],
    ['root', 51, 'merchant-account'],
    ['root', 52, undefined],
    ['root', 62, 'additional-data'],
    ['root', 64, 'language'],
    ['root', 79, undefined],
    ['root', 80, 'unreserved'],
    ['additional-data', 49, undefined],
    ['additional-data', 50, 'payment-system'],
    ['language', 1, undefined],
    ['merchant-account', 1, undefined],
  ])('%s %i → %s', (context, tag, want) => {
    expect(childContext(context, tag)).toBe(want);
  });
});
