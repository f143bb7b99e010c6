"""帮扶保障: hardship household files, relief campaigns and grants, education aid, member services.

- models/: households (files, people, yearly reviews), campaigns (campaigns, grants with
  their paid-is-final rule), education (金秋助学), member_services (mutual aid, women
  workers' services, check-ups, employment campaigns, service sites).
- services.py: every write (register, review, lift out, cancel, relapse; propose, approve,
  pay, reverse), atomic and audited. selectors.py: the scoped reads of the pages.
- figures.py: the work summary's 服务职工 figures; demo.py: records that rebuild them.
"""
