import * as assert from 'assert';
import { stem } from '../../server/src/engine/stem';

/** Asserts that all the words share one stem. */
function sameStem(...words: string[]): void {
  const stems = words.map(stem);
  assert.ok(
    stems.every((s) => s === stems[0]),
    `${words.join(', ')} stem to ${stems.join(', ')}`,
  );
}

function differentStems(a: string, b: string): void {
  assert.notStrictEqual(stem(a), stem(b), `${a} and ${b} both stem to ${stem(a)}`);
}

describe('stem', () => {
  it('joins plurals to the singular', () => {
    sameStem('payments', 'payment');
    sameStem('policies', 'policy');
    sameStem('addresses', 'address');
    sameStem('matches', 'match');
    sameStem('keys', 'key');
    sameStem('invoices', 'invoice');
  });

  it('leaves words that only look plural alone', () => {
    assert.strictEqual(stem('status'), 'status');
    assert.strictEqual(stem('analysis'), 'analysis');
    assert.strictEqual(stem('access'), 'access');
    assert.strictEqual(stem('sms'), 'sms');
  });

  it('joins the tenses and the gerund of a verb', () => {
    sameStem('upload', 'uploads', 'uploaded', 'uploading');
    sameStem('share', 'shares', 'shared', 'sharing');
    sameStem('sign', 'signs', 'signed', 'signing');
    sameStem('plan', 'planned', 'planning');
    sameStem('pass', 'passed', 'passing');
    sameStem('apply', 'applies', 'applied');
    sameStem('agree', 'agreed', 'agrees');
    sameStem('add', 'added');
    sameStem('code', 'codes', 'coded');
    sameStem('store', 'stored', 'storing');
  });

  it('joins a noun of action to its verb', () => {
    sameStem('invite', 'invitation', 'invitations', 'invited');
    sameStem('delete', 'deletion', 'deleted');
    sameStem('connect', 'connection');
    sameStem('confirm', 'confirmation', 'confirmed');
    sameStem('discuss', 'discussion');
    sameStem('describe', 'description', 'described');
    sameStem('subscribe', 'subscription', 'subscriptions');
    sameStem('approve', 'approval', 'approved');
    sameStem('renew', 'renewal');
    sameStem('withdraw', 'withdrawal');
  });

  it('joins British and American spellings', () => {
    sameStem('organisation', 'organization', 'organize');
    sameStem('summarise', 'summarize', 'summarized');
  });

  it('keeps apart different words that begin alike', () => {
    differentStems('sign', 'signature');
    differentStems('sign', 'signup');
    differentStems('signature', 'signup');
    differentStems('log', 'login');
    differentStems('pay', 'payment');
    differentStems('card', 'cart');
    differentStems('portal', 'port');
    differentStems('signal', 'sign');
    differentStems('fare', 'far');
    differentStems('note', 'not');
  });

  it('does not cut short words or words without a vowel left', () => {
    for (const word of ['sing', 'string', 'thing', 'bring', 'use', 'red', 'shed', 'need']) {
      assert.ok(stem(word).length >= 3, `${word} → ${stem(word)}`);
    }
    assert.strictEqual(stem('string'), 'string');
    assert.strictEqual(stem('2fa'), '2fa');
  });
});
