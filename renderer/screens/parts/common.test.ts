import { describe, expect, it } from 'vitest';
import { formError, readWholeNumber } from './common';

describe('readWholeNumber', () => {
  it('reads whole numbers as typed, and leaves anything else for the command to explain', () => {
    expect(readWholeNumber(' 3 ')).toBe(3);
    expect(readWholeNumber('0')).toBe(0);
    expect(readWholeNumber('-2')).toBe(-2);
    expect(readWholeNumber('')).toBeNaN();
    expect(readWholeNumber('1.5')).toBeNaN();
    expect(readWholeNumber('2 pcs')).toBeNaN();
  });
});

describe('formError', () => {
  it('keeps errors of the form’s fields beside them and puts the rest in the message', () => {
    const shown = formError(
      {
        fields: { quantity: 'Only 1 in stock.', center: 'Set up the center first.' },
        message: 'Nothing was saved.',
      },
      ['quantity', 'partNumber'],
    );
    expect(shown.fields).toEqual({ quantity: 'Only 1 in stock.' });
    expect(shown.message).toBe('Nothing was saved. Set up the center first.');
  });
});
