CREATE EXTERNAL TABLE IF NOT EXISTS `web_access` (
  `uri` string,
  `time` string
)
PARTITIONED BY (`dt` string, `hour` int)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
LOCATION 's3://hakobu-logs/web.access/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-08-01,NOW+9HOURS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://hakobu-logs/web.access/dt=${dt}/hour=${hour}'
);
