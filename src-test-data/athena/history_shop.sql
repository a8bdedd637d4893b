CREATE EXTERNAL TABLE IF NOT EXISTS `app_shop` (
  `user` string,
  `action` string,
  `order_id` decimal(38,0),
  `items` array<struct<sku:string,qty:bigint,price:double>>,
  `request` struct<path:string,status:bigint,ua:string>,
  `latency` double,
  `huge` string,
  `time` string
)
PARTITIONED BY (`dt` string)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
LOCATION 's3://hakobu-logs/history/shop/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-08-01,NOW+9HOURS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://hakobu-logs/history/shop/dt=${dt}'
);
