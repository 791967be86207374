#! models: rich
#! setup: rich
#! mode: script
#! debug: true
from django.db import connection, reset_queries
reset_queries()
authors = list(Author.objects.select_related('profile').order_by('id'))
print(authors[0].profile.bio, authors[0].profile.author is authors[0])
print(Profile.objects.select_related('author').get(pk=1).author.profile.bio)
arts = list(Article.objects.select_related('author__profile').order_by('id'))
print([(a.title, a.author and a.author.name) for a in arts])
print(arts[0].author.profile.bio)
print(Article.objects.select_related().query)
print(Article.objects.select_related('author__profile').query)
print(Author.objects.select_related('profile').query)
print(Profile.objects.select_related().query)
print(Profile.objects.select_related('author').query)
print(Profile.objects.select_related('author__profile').query)
for q in connection.queries:
    print(q['sql'])
try:
    authors[1].profile
except Exception as e:
    print(type(e).__name__, e)
