"""What hoso is given besides the workbook: plan presets, legal regimes, the workbook contract."""
