import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../helpers/dialects';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

for (const dialect of testDialects()) {
  describe(`reference data (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('lists the four parties with all their prefecture-level cities, public', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/divisions' });
      expect(response.statusCode).toBe(200);
      const { provinces } = response.json() as { provinces: Array<{ code: string; cities: Array<{ code: string; twoPlusFive: boolean; nameEnFull: string }> }> };
      expect(provinces.map((province) => [province.code, province.cities.length])).toEqual([
        ['310000', 1],
        ['320000', 13],
        ['330000', 11],
        ['340000', 16],
      ]);
      const twoPlusFive = provinces.flatMap((province) => province.cities.filter((city) => city.twoPlusFive).map((city) => city.code));
      expect(twoPlusFive.sort()).toEqual(['330100', '330500', '330800', '341000', '341800']);
      const suzhouAnhui = provinces[3]!.cities.find((city) => city.code === '341300');
      expect(suzhouAnhui?.nameEnFull).toBe('Suzhou, Anhui');
    });
  });
}
