"""The public side, without an account: each agency's 政府信息公开 column, applying online and tracking."""
