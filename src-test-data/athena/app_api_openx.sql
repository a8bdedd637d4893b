CREATE EXTERNAL TABLE IF NOT EXISTS `app_api` (
  `timestamp` string,
  `camera_id` string,
  `api` string,
  `method` string,
  `parameter` string,
  `user` string,
  `ua` string,
  `time` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://hakobu-logs/logs/app.api/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-08-01,NOW+9HOURS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://hakobu-logs/logs/app.api/dt=${dt}'
);
