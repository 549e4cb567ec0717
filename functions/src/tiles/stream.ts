import type { DynamoDBStreamEvent } from 'aws-lambda';

/** A string attribute's values in a batch of changes, before (old image) and after (new image). */
function touched(event: DynamoDBStreamEvent, attribute: 'geoCell' | 'districtCode'): Set<string> {
  const values = new Set<string>();
  for (const record of event.Records) {
    for (const image of [record.dynamodb?.OldImage, record.dynamodb?.NewImage]) {
      const value = image?.[attribute]?.S;
      if (value) values.add(value);
    }
  }
  return values;
}

/**
 * The geohash-5 cells a batch of station changes touched: the cell a station was in (old image) and
 * the one it is in now (new image). A station off the map (inactive, no location) carries no cell,
 * so leaving the map rebuilds the cell it left and arriving rebuilds the one it arrived in.
 */
export const touchedCells = (event: DynamoDBStreamEvent): Set<string> => touched(event, 'geoCell');

/**
 * The districts a batch of station changes touched, whose indexes are rebuilt: the district a station
 * was in and the one it is in now, on the map or not (a station waiting for a location is in its
 * district's list, so its index carries it).
 */
export const touchedDistricts = (event: DynamoDBStreamEvent): Set<string> => touched(event, 'districtCode');
