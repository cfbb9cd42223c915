import { describe, expect, it } from 'vitest';
import { dashboardHeading } from '../../renderer/src/Dashboard/dashboard-heading';

describe('the dashboard’s heading', () => {
  it('says one article and one layer in the singular, any other count in the plural', () => {
    expect(dashboardHeading(3000, 1)).toBe('3000 articles · 1 layer');
    expect(dashboardHeading(1, 4)).toBe('1 article · 4 layers');
    expect(dashboardHeading(0, 0)).toBe('0 articles · 0 layers');
  });
});
