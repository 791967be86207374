#! models: seed
#! setup: seed
#! mode: script
#! debug: true
from django.db import connection, reset_queries
print(connection.queries)
qs = Post.objects.filter(title__icontains='e')
print(len(connection.queries))
list(qs)
print(connection.queries[-1]['sql'])
print(sorted(connection.queries[-1].keys()))
reset_queries()
Post.objects.get(pk=1)
Tag.objects.create(name="it's")
Post.objects.filter(pk=2).update(title='Two')
Tag.objects.filter(name="it's").delete()
Post.objects.filter(id__in=[1, 2], title__in=['Hello', 'Two']).exists()
Post.objects.count()
for q in connection.queries:
    print(q['sql'])
print(len(connection.queries))
