import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { nearestField, placeErrors, placeFieldErrors, topLevelField } from './form-errors';

const refused = (errors: { path: string; message: string }[]) =>
  new ApiError({
    status: 400,
    code: 'validation_failed',
    title: 'The request has invalid fields',
    fieldErrors: errors.map((error) => ({ ...error, code: 'custom' })),
  });

describe('placeErrors', () => {
  it('puts each field error beside its top-level field, first message first, and the rest in the banner', () => {
    const placed = placeErrors(
      refused([
        { path: 'name', message: 'Required' },
        { path: 'name', message: 'Too long' },
        { path: 'model.temperature', message: 'At most 2' },
        { path: 'secret', message: 'Not allowed' },
      ]),
      ['name', 'model'],
    );
    expect(placed.byField).toEqual({ name: 'Required', model: 'At most 2' });
    expect(placed.unmatched.map((error) => error.path)).toEqual(['secret']);
    expect(placed.banner).toBe('Not allowed');
  });

  it('has no banner when every problem sits beside a field', () => {
    expect(placeErrors(refused([{ path: 'name', message: 'Required' }]), ['name']).banner).toBeNull();
  });

  it('shows a failure that names no field in the banner', () => {
    const conflict = new ApiError({ status: 409, code: 'conflict', title: 'Name taken', detail: 'Another role has this name' });
    expect(placeErrors(conflict, ['name'])).toEqual({ byField: {}, unmatched: [], banner: 'Another role has this name' });
    expect(placeErrors(new Error('offline'), ['name']).banner).toBe('offline');
  });

  it('takes any mapping from paths to fields', () => {
    const placed = placeErrors(refused([{ path: 'prices.input', message: 'Too big' }]), (path) =>
      path.startsWith('prices.') ? path.slice('prices.'.length) : undefined,
    );
    expect(placed.byField).toEqual({ input: 'Too big' });
  });
});

describe('placeFieldErrors', () => {
  it('lands a path on the nearest field at or above it', () => {
    const fieldOf = nearestField(new Set(['skills', 'model.provider']));
    const placed = placeFieldErrors(
      [
        { path: 'skills.2', message: 'Too long', code: 'too_big' },
        { path: 'model.provider', message: 'Unknown', code: 'custom' },
        { path: 'model.fallbacks', message: 'Bad', code: 'custom' },
      ],
      fieldOf,
    );
    expect(placed.byField).toEqual({ skills: 'Too long', 'model.provider': 'Unknown' });
    expect(placed.unmatched.map((error) => error.path)).toEqual(['model.fallbacks']);
  });

  it('matches top-level fields only by their whole name', () => {
    expect(topLevelField(['name'])('names')).toBeUndefined();
    expect(topLevelField(['name'])('name.first')).toBe('name');
  });
});
