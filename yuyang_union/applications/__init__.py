"""Applications members make online (入会申请, 求助申请), tracked to a decision.

The toolkit keeps what every kind of application shares: the number, the union it is routed
to, the status and its history (提交, 受理, 办理中, 已办结 / 未通过), the deadline for a first
answer in working days, the consent given, the documents attached, the rate limits, the
notices to the applicant (SMS and their page), the staff inbox and the figures.

Each app owns its kinds: `members` the join application, `legal_aid` the request for legal
help, `welfare` hardship help and 金秋助学. An app keeps a kind's own fields in a model of its
own, one-to-one with `Application`, and registers a `KindHandler` (`kinds.register`) that says
who handles it and how it turns into the record it asks for, through the app's own services.
"""
