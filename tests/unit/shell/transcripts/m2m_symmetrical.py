#! models: m2m
#! setup: m2m
#! mode: script
#! debug: true
from django.db import connection, reset_queries
a, b, c = Person.objects.filter(pk__in=[1, 2, 3]).order_by('id')
nine = Person.objects.get(pk=9)
seventeen = Person.objects.get(pk=17)
reset_queries()
a.friends.add(b, c)
print(b.friends.all(), c.friends.all(), a.friends.order_by('id'))
b.friends.remove(a)
print(a.friends.all(), b.friends.all())
c.friends.set([b])
print(a.friends.all(), b.friends.all(), c.friends.all())
c.friends.clear()
print(b.friends.all())
a.fans.add(b)
print(b.idols.all(), b.fans.all(), a.fans.all())
a.idols.add(c)
print(c.fans.all(), a.idols.all())
d = a.friends.create(name='D')
print(d.friends.all())
print(a.friends.count(), a.friends.exists(), c.friends.exists())
a.friends.add(seventeen, nine, 3)
a.friends.remove(17, 9)
a.friends.set([nine, seventeen, b, c])
print(nine.friends.all(), a.friends.order_by('id'))
print(Person.objects.filter(friends=a).order_by('id'))
for q in connection.queries:
    print(q['sql'])
