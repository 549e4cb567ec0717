import type { DynamoDBStreamEvent } from 'aws-lambda';

/**
 * The geohash-5 cells a batch of station changes touched: the cell a station was in (old image) and
 * the one it is in now (new image). A station off the map (inactive, no location) carries no cell,
 * so leaving the map rebuilds the cell it left and arriving rebuilds the one it arrived in.
 */
export function touchedCells(event: DynamoDBStreamEvent): Set<string> {
  const cells = new Set<string>();
  for (const record of event.Records) {
    for (const image of [record.dynamodb?.OldImage, record.dynamodb?.NewImage]) {
      const cell = image?.geoCell?.S;
      if (cell) cells.add(cell);
    }
  }
  return cells;
}

/**
 * The districts a batch of station changes touched, whose indexes are rebuilt: the district a station
 * was in and the one it is in now, on the map or not (a station waiting for a location is in its
 * district's list, so its index carries it).
 */
export function touchedDistricts(event: DynamoDBStreamEvent): Set<string> {
  const districts = new Set<string>();
  for (const record of event.Records) {
    for (const image of [record.dynamodb?.OldImage, record.dynamodb?.NewImage]) {
      const district = image?.districtCode?.S;
      if (district) districts.add(district);
    }
  }
  return districts;
}
